/**
 * The app's web side for the chaos suite, as its own process so it can be SIGKILLed and started
 * again on the same port: the real webhook route actions (HMAC check, inbox, acknowledgement)
 * served over HTTP on 127.0.0.1:CHAOS_WEB_PORT, with the app's configuration from the
 * environment (DATABASE_URL, SHOPIFY_API_KEY/SECRET, SHOPIFY_SANDBOX_URL...).
 */
import { startRouteServer, type RouteAction } from "../../tests/integration/helpers/route-server";

const port = Number(process.env.CHAOS_WEB_PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error("CHAOS_WEB_PORT must name the port to listen on");

const routes: Record<string, RouteAction> = {
  "/healthz": async () => new Response("ok"),
  "/webhooks/orders": (await import("~/routes/webhooks.orders")).action,
  "/webhooks/refunds": (await import("~/routes/webhooks.refunds")).action,
  "/webhooks/app/uninstalled": (await import("~/routes/webhooks.app.uninstalled")).action,
  "/webhooks/app/scopes_update": (await import("~/routes/webhooks.app.scopes_update")).action,
};
await startRouteServer(routes, port);
// A plain exit on SIGTERM (the end of a run), so exit hooks such as --cpu-prof still run.
process.once("SIGTERM", () => process.exit(0));
