import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

/** Shopify opens the app at its root with shop and host parameters: hand them to /app. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  if (url.searchParams.get("shop")) throw redirect(`/app?${url.searchParams.toString()}`);
  return new Response("ERP Bridge: open this app from your Shopify admin.", {
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
};
