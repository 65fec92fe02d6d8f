/**
 * A stand-in for the web server process (tests/integration/web-shutdown.test.ts): an HTTP server
 * that, like remix-serve, only closes itself on SIGTERM, plus the app's connections opened the
 * way requests open them. Prints "ready" once they are all in use.
 */
import { createServer } from "node:http";
import { webShopifyClient } from "../../../app/connectors/shopify/web-client.server";
import db from "../../../app/db.server";
import { appQueue } from "../../../app/queue.server";
import { rateLimiter } from "../../../app/security/rate-limit.server";
import { installShutdownHooks } from "../../../app/web-shutdown.server";

installShutdownHooks();
const server = createServer((_req, res) => res.end("ok"));
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
process.once("SIGTERM", () => server.close());

await db.shop.count();
await appQueue().stats(["orders"]);
await rateLimiter().check("webhooks", new Request("http://127.0.0.1/webhooks/orders", { method: "POST" }));
webShopifyClient(db, { timeoutMs: 1_000, maxBudgetWaitMs: 1_000 });
process.stdout.write("ready\n");
