/**
 * The connection test onboarding shows: each way a Tryton connection fails gets its own
 * sentence (host unreachable, not Tryton, no such database, wrong login, missing module), and
 * success names the company, currency and warehouses the app will work with.
 */
import { AppError } from "~/errors";
import { ErpError } from "../erp-error";
import { searchRead, sub, text } from "./records";
import type { TrytonConfig, TrytonRpc } from "./rpc";

/** Modules the connector relies on: sales, stock and invoices. */
export const REQUIRED_MODULES = ["sale", "stock", "account_invoice", "account_invoice_stock"];

export interface ConnectionCheck {
  ok: boolean;
  message: string;
  /** What failed, for forms and tests: unreachable | not_tryton | database_missing | login_refused | module_missing | no_company | error */
  problem?: string;
}

function explain(error: unknown, config: Pick<TrytonConfig, "url" | "database" | "login">): ConnectionCheck {
  const code = error instanceof ErpError ? error.erpCode : undefined;
  if (error instanceof AppError && error.errorClass === "unavailable") {
    return { ok: false, problem: "unreachable", message: `Cannot reach Tryton at ${config.url} (${code ?? error.message}): check the address and that trytond is running` };
  }
  if (code === "database_missing") {
    return { ok: false, problem: "database_missing", message: `Tryton at ${config.url} has no database "${config.database}": check the database name` };
  }
  if (code === "login_refused") {
    return { ok: false, problem: "login_refused", message: `Tryton refused the login "${config.login}" on database "${config.database}": check the user name and password` };
  }
  if (error instanceof ErpError && error.details.httpStatus === 404) {
    return { ok: false, problem: "not_tryton", message: `${config.url} answered, but not as Tryton's JSON-RPC (HTTP 404): check the address and port` };
  }
  return { ok: false, problem: "error", message: error instanceof Error ? error.message : String(error) };
}

export async function checkConnection(rpc: TrytonRpc, config: Pick<TrytonConfig, "url" | "database" | "login">): Promise<ConnectionCheck> {
  try {
    const context = await rpc.context();
    const modules = await searchRead(rpc, "ir.module", [["name", "in", REQUIRED_MODULES], ["state", "=", "activated"]], ["name"], { operation: "check modules" });
    const missing = REQUIRED_MODULES.filter((name) => !modules.some((m) => m.name === name));
    if (missing.length) {
      return {
        ok: false,
        problem: "module_missing",
        message: `Tryton database "${config.database}" lacks the module${missing.length > 1 ? "s" : ""} ${missing.join(", ")}: activate ${missing.length > 1 ? "them" : "it"} in Tryton (Administration > Modules)`,
      };
    }
    if (typeof context.company !== "number") {
      return { ok: false, problem: "no_company", message: `Tryton user "${config.login}" works in no company: set the user's current company in Tryton` };
    }
    const [company] = await searchRead(rpc, "company.company", [["id", "=", context.company]], ["rec_name", "currency.code"], { operation: "read company" });
    const warehouses = await searchRead(rpc, "stock.location", [["type", "=", "warehouse"]], ["name"], { operation: "list warehouses" });
    return {
      ok: true,
      message: `Connected to Tryton database "${config.database}" as ${config.login}: company ${text(company?.rec_name) ?? context.company} (${text(company ? sub(company, "currency").code : null) ?? "no currency"}), warehouses ${warehouses.map((w) => text(w.name)).join(", ") || "none"}`,
    };
  } catch (error) {
    return explain(error, config);
  }
}
