/**
 * Serves some of the app's Remix route actions over real HTTP on 127.0.0.1, in-process, so
 * sandbox Shopify can deliver webhooks to the real route code without a build.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { ActionFunctionArgs } from "@remix-run/node";

export type RouteAction = (args: ActionFunctionArgs) => Promise<Response>;

async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  return new Request(new URL(req.url ?? "/", origin), { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
}

/** `port` 0 (default) picks a free one; a fixed port lets a restarted server take its place. */
export async function startRouteServer(routes: Record<string, RouteAction>, port = 0) {
  let origin = "";
  const server = createServer(async (req, res) => {
    try {
      const request = await toRequest(req, origin);
      const action = routes[new URL(request.url).pathname];
      const response = action ? await action({ request, params: {}, context: {} }) : new Response("not found", { status: 404 });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      res.writeHead(error instanceof Response ? error.status : 500);
      res.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: origin, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
