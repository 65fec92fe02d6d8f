import { PassThrough } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { RemixServer } from "@remix-run/react";
import { createReadableStreamFromReadable, type ActionFunctionArgs, type EntryContext, type LoaderFunctionArgs } from "@remix-run/node";
import { isbot } from "isbot";
import { addSecurityHeaders } from "./security/document-headers";
import { addDocumentResponseHeaders } from "./shopify.server";
import { withRequestCorrelation } from "./observability/correlation";
import { log } from "./observability/log";
import { installShutdownHooks } from "./web-shutdown.server";

export const streamTimeout = 5000;

// remix-serve closes only its HTTP server on SIGTERM: the app's own connections close too, so
// the process ends on the first signal.
installShutdownHooks();

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  // Shopify's document headers (App Bridge preload), then framing narrowed to the request's
  // shop admin (none without a shop), nosniff and a referrer policy.
  addDocumentResponseHeaders(request, responseHeaders);
  addSecurityHeaders(request, responseHeaders);
  const userAgent = request.headers.get("user-agent");
  const callbackName = isbot(userAgent ?? "") ? "onAllReady" : "onShellReady";

  return new Promise((resolve, reject) => {
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} />, {
      [callbackName]: () => {
        const body = new PassThrough();
        const stream = createReadableStreamFromReadable(body);
        responseHeaders.set("Content-Type", "text/html");
        resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error) {
        reject(error);
      },
      onError(error) {
        responseStatusCode = 500;
        withRequestCorrelation(request, () => log("error", "rendering the page failed", { path: new URL(request.url).pathname, error }));
      },
    });
    setTimeout(abort, streamTimeout + 1000);
  });
}

/**
 * Errors thrown by loaders and actions, as one JSON log line (path only: query strings carry
 * session tokens). A request the client abandoned is not an error of ours.
 */
export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  withRequestCorrelation(request, () => log("error", "request failed", { method: request.method, path: new URL(request.url).pathname, error }));
}
