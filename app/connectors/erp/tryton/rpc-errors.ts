/**
 * Tryton's JSON-RPC error answers as ErpErrors. trytond sends ["<ExceptionClass>", args] for its
 * own exceptions (UserError and its validation/access subclasses, LoginException,
 * ConcurrencyException, RateLimitException) and [str(exception), traceback] for anything else
 * (a missing database, an unknown model, SQLite busy). The ERP's message is kept word for word.
 */
import type { ErrorClass } from "~/errors";
import { ErpError } from "../erp-error";

const text = (value: unknown) => (typeof value === "string" ? value : "");

function userMessage(args: unknown): string {
  // UserError args: (message, description, domain); LoginException: (name, message, type).
  if (!Array.isArray(args)) return text(args);
  const [message, description] = args.map(text);
  return [message, description].filter(Boolean).join(" ");
}

function classOfTrytonException(name: string): ErrorClass | null {
  if (name === "UserError" || name === "UserWarning" || name.endsWith("ValidationError")) return "rejected";
  if (name === "AccessError" || name === "LoginException") return "auth";
  if (name === "ConcurrencyException") return "transient";
  if (name === "RateLimitException") return "rate_limited";
  return null;
}

export function errorFromRpc(operation: string, error: unknown, database: string): ErpError {
  const [head, args] = Array.isArray(error) ? error : [error, undefined];
  const name = text(head);
  const known = classOfTrytonException(name);
  if (known) {
    const erpMessage = userMessage(args) || name;
    // A unique constraint (a party code, a sale number) broken by a concurrent write: the record
    // someone else just made is the one to use, or the next attempt draws a new number.
    const errorClass = known === "rejected" && /must be unique/i.test(erpMessage) ? "conflict" : known;
    return new ErpError(errorClass, `Tryton could not ${operation}: ${erpMessage}`, { operation, erpCode: name, erpMessage });
  }
  const details = { operation, erpMessage: name };
  if (/^Database '.*' doesn't exist!?$/.test(name) || /database .* does not exist/i.test(name)) {
    return new ErpError("not_found", `Tryton has no database "${database}"`, { ...details, erpCode: "database_missing" });
  }
  // A KeyError on the model name: the module that defines it is not activated.
  const unknownModel = /^'([a-z0-9_.]+)'$/.exec(name);
  if (unknownModel) {
    return new ErpError("not_found", `Tryton has no model or method "${unknownModel[1]}": is the module that provides it activated?`, {
      ...details,
      erpCode: "unknown_model",
    });
  }
  if (/database is locked|could not serialize|deadlock|OperationalError/i.test(name)) {
    return new ErpError("transient", `Tryton was busy to ${operation}: ${name}`, { ...details, erpCode: "busy" });
  }
  return new ErpError("rejected", `Tryton could not ${operation}: ${name || "unknown error"}`, { ...details, erpCode: "server_error" });
}
