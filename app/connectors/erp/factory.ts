/** The connector for a stored ERP connection, by provider. */
import { createHash } from "node:crypto";
import { AppError } from "~/errors";
import type { ErpConnector } from "./port";
import { createReferenceErpConnector } from "./reference/connector";
import { createTrytonErpConnector } from "./tryton/connector";
import type { SaleWorkflow } from "./tryton/sales";

/** What a connector is built from: the connection's settings and its decrypted credentials. */
export interface ConnectionForConnector {
  provider: string;
  settings: Record<string, unknown>;
  secret: Record<string, unknown>;
}

const text = (value: unknown) => (typeof value === "string" ? value : "");

/**
 * One connector per connection version, so a Tryton session (and its login) is reused across
 * jobs instead of logging in for every order; changed settings or credentials make a new one.
 */
const cache = new Map<string, ErpConnector>();
const CACHE_LIMIT = 100;

export function connectorFor(connection: ConnectionForConnector): ErpConnector {
  const key = createHash("sha256").update(JSON.stringify([connection.provider, connection.settings, connection.secret])).digest("hex");
  let connector = cache.get(key);
  if (!connector) {
    connector = buildConnector(connection);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, connector);
  }
  return connector;
}

function buildConnector(connection: ConnectionForConnector): ErpConnector {
  switch (connection.provider) {
    case "reference": {
      const { settings, secret } = connection;
      if (!text(settings.baseUrl)) throw new AppError("validation", "The reference ERP connection has no base URL");
      return createReferenceErpConnector({
        baseUrl: text(settings.baseUrl),
        apiKey: text(secret.apiKey),
        currency: text(settings.currency) || "USD",
        callbackSecret: text(secret.callbackSecret) || undefined,
        timeoutMs: typeof settings.timeoutMs === "number" ? settings.timeoutMs : undefined,
      });
    }
    case "tryton": {
      const { settings, secret } = connection;
      for (const field of ["url", "database", "login"]) {
        if (!text(settings[field])) throw new AppError("validation", `The Tryton connection has no ${field}`, { details: { field: `settings.${field}` } });
      }
      const workflow = text(settings.workflow) || "confirmed";
      if (!["draft", "quotation", "confirmed"].includes(workflow)) {
        throw new AppError("validation", `The Tryton connection's workflow "${workflow}" is not draft, quotation or confirmed`, { details: { field: "settings.workflow" } });
      }
      return createTrytonErpConnector({
        url: text(settings.url),
        database: text(settings.database),
        login: text(settings.login),
        password: text(secret.password),
        currency: text(settings.currency) || "USD",
        workflow: workflow as SaleWorkflow,
        shippingItemCode: text(settings.shippingItemCode) || null,
        taxItemCode: text(settings.taxItemCode) || null,
        paymentTermId: typeof settings.paymentTermId === "number" ? settings.paymentTermId : null,
        timeoutMs: typeof settings.timeoutMs === "number" ? settings.timeoutMs : undefined,
      });
    }
    default:
      throw new AppError("validation", `No connector for ERP "${connection.provider}"`);
  }
}
