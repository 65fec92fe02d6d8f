/** The connector for a stored ERP connection, by provider. */
import { AppError } from "~/errors";
import type { ErpConnector } from "./port";
import { createReferenceErpConnector } from "./reference/connector";

/** What a connector is built from: the connection's settings and its decrypted credentials. */
export interface ConnectionForConnector {
  provider: string;
  settings: Record<string, unknown>;
  secret: Record<string, unknown>;
}

const text = (value: unknown) => (typeof value === "string" ? value : "");

export function connectorFor(connection: ConnectionForConnector): ErpConnector {
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
    default:
      throw new AppError("validation", `No connector for ERP "${connection.provider}"`);
  }
}
