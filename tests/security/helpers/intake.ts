/**
 * The app's real webhook routes in-process on a fresh migrated SQLite database, for the
 * bad-input suite: signed (or deliberately mis-signed) requests go straight to the route actions,
 * and the inbox is read back from the same database the routes write to.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import type { Db } from "~/db/client.server";
import { setAppEnv, TEST_APP } from "../../integration/helpers/app-env";
import { createSqliteDatabase, type TestDatabase } from "../../integration/helpers/databases";
import { signedWebhookRequest, type WebhookRequestOptions } from "../../integration/helpers/webhook-request";

export type Action = (args: ActionFunctionArgs) => Promise<Response>;

export interface Intake {
  db: Db;
  routes: { orders: Action; refunds: Action; compliance: Action; uninstalled: Action };
  /** Runs a route action as Remix does: a thrown Response is the answer too. */
  call(action: Action, request: Request): Promise<Response>;
  /** A request signed with the app's secret for `shop` (override anything). */
  signed(options: Partial<WebhookRequestOptions> & { body: string; shop: string }): Request;
  close(): Promise<void>;
}

export async function callAction(action: Action, request: Request): Promise<Response> {
  try {
    return await action({ request, params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

export async function startIntake(): Promise<Intake> {
  const database: TestDatabase = await createSqliteDatabase();
  setAppEnv(database.url);
  const routes = {
    orders: (await import("~/routes/webhooks.orders")).action as Action,
    refunds: (await import("~/routes/webhooks.refunds")).action as Action,
    compliance: (await import("~/routes/webhooks.compliance")).action as Action,
    uninstalled: (await import("~/routes/webhooks.app.uninstalled")).action as Action,
  };
  const db = (await import("~/db.server")).default;
  return {
    db,
    routes,
    call: callAction,
    signed: (options) => signedWebhookRequest({ topic: "orders/create", secret: TEST_APP.apiSecret, ...options }),
    async close() {
      await db.$disconnect();
      await database.drop();
    },
  };
}
