/**
 * Who is calling the helpdesk API: the URL names one helpdesk connection, and only a token
 * signed with that connection's shared secret is accepted. That binds the request to the
 * connection's shop and nothing else; the token's claims never choose or widen the data.
 * Every refusal is the same AppError "auth" to the caller; the reason goes to the log.
 */
import { randomBytes } from "node:crypto";
import { bearerToken, verifyHelpdeskToken, type VerifiedToken } from "~/connectors/helpdesk/zendesk/request-token";
import type { Db } from "~/db/client.server";
import { AppError } from "~/errors";
import type { OpenedConnection } from "~/models/connections.server";
import { activeHelpdeskConnection, helpdeskSharedSecret } from "~/models/helpdesk-connections.server";

export interface HelpdeskCaller {
  connection: OpenedConnection;
  shop: { id: string; domain: string };
  token: VerifiedToken;
}

/** What every refused request is told. */
export const REFUSED = "The request could not be authenticated.";

/** The caller is refused (as opposed to Shopify or the ERP refusing the app's own credentials). */
export class HelpdeskRefusedError extends AppError {
  constructor() {
    super("auth", REFUSED);
  }
}

// Checked against when the connection is unknown, so a refusal takes the same work either way.
const NO_SECRET = randomBytes(32).toString("hex");

export type RefusalLog = (reason: string, fields: Record<string, unknown>) => void;

export async function authenticateHelpdesk(db: Db, request: Request, connectionId: string, now: Date, log: RefusalLog): Promise<HelpdeskCaller> {
  const refuse = (reason: string): never => {
    log(reason, { connectionId });
    throw new HelpdeskRefusedError();
  };
  const connection = await activeHelpdeskConnection(db, connectionId);
  let token: VerifiedToken | null = null;
  try {
    token = verifyHelpdeskToken(bearerToken(request.headers.get("authorization")), connection ? helpdeskSharedSecret(connection) : NO_SECRET, now);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (connection) refuse(error.message);
  }
  if (!connection || !token) return refuse("Helpdesk request refused: no active helpdesk connection with this id");
  const shop = await db.shop.findUnique({ where: { id: connection.shopId }, select: { id: true, domain: true, status: true } });
  if (!shop || shop.status !== "installed") return refuse("Helpdesk request refused: the connection's shop is not installed");
  return { connection, shop: { id: shop.id, domain: shop.domain }, token };
}
