/**
 * The ERP connection form (shared with the browser): the fields of each provider and their
 * checks. Field names are the keys app/connectors/erp/factory.ts reads from a connection's
 * settings and secret, so what the form saves is exactly what the connector is built from.
 */
import { secretValues, urlProblem, type FieldErrors, type FormField } from "./connection-forms";

export const ERP_PROVIDERS = [
  { value: "reference", label: "Reference ERP (REST API with an API key)" },
  { value: "tryton", label: "Tryton (JSON-RPC)" },
] as const;
export type ErpProvider = (typeof ERP_PROVIDERS)[number]["value"];

export const isErpProvider = (value: string): value is ErpProvider => ERP_PROVIDERS.some((p) => p.value === value);

const CURRENCY: FormField = {
  name: "currency", label: "Currency", type: "text", required: false, secret: false, placeholder: "USD",
  helpText: "The ERP's currency as a three-letter code; USD when blank.",
};

export const ERP_FIELDS: Record<ErpProvider, readonly FormField[]> = {
  reference: [
    { name: "baseUrl", label: "Base URL", type: "url", required: true, secret: false, placeholder: "https://erp.example.com", helpText: "The address of the ERP's API, without /api/v1." },
    { name: "apiKey", label: "API key", type: "password", required: true, secret: true },
    { name: "callbackSecret", label: "Callback signing secret", type: "password", required: false, secret: true, helpText: "Optional: lets the ERP push stock and shipment changes, signed with this secret." },
    CURRENCY,
  ],
  tryton: [
    { name: "url", label: "Server URL", type: "url", required: true, secret: false, placeholder: "https://tryton.example.com:8000" },
    { name: "database", label: "Database", type: "text", required: true, secret: false },
    { name: "login", label: "User name", type: "text", required: true, secret: false },
    { name: "password", label: "Password", type: "password", required: true, secret: true },
    { name: "shippingItemCode", label: "Shipping item code", type: "text", required: false, secret: false, helpText: "The service product that carries shipping charges on sales orders." },
    { name: "taxItemCode", label: "Tax item code", type: "text", required: false, secret: false, helpText: "Optional: a product for tax lines when Tryton does not compute taxes itself." },
    {
      name: "workflow", label: "Sales order state", type: "select", required: false, secret: false,
      helpText: "How far a new sales order is taken: confirmed orders are allocated at once.",
      options: [
        { label: "Confirmed", value: "confirmed" },
        { label: "Quotation", value: "quotation" },
        { label: "Draft", value: "draft" },
      ],
    },
    { name: "paymentTermId", label: "Payment term id", type: "number", required: false, secret: false, helpText: "Optional: the Tryton payment term put on new sales orders." },
    CURRENCY,
  ],
};

export type ErpFormResult =
  | { ok: true; provider: ErpProvider; name: string; settings: Record<string, string | number | undefined>; secret: Record<string, string> }
  | { ok: false; errors: FieldErrors };

/**
 * Checks a submitted ERP form. `savedSecrets` names the secret fields the connection already
 * has: those may be left blank (the saved value is kept). Settings fields left blank come back
 * as undefined, so saving removes them.
 */
export function validateErpForm(input: { provider: string; name: string; values: Record<string, string>; savedSecrets?: ReadonlySet<string> }): ErpFormResult {
  const errors: FieldErrors = {};
  if (!isErpProvider(input.provider)) return { ok: false, errors: { provider: "ERP type must be Reference ERP or Tryton" } };
  const name = input.name.trim();
  if (!name) errors.name = "Connection name is required";
  else if (name.length > 60) errors.name = "Connection name must be 60 characters or fewer";

  const fields = ERP_FIELDS[input.provider];
  const settings: Record<string, string | number | undefined> = {};
  for (const field of fields.filter((f) => !f.secret)) {
    const value = input.values[field.name] ?? "";
    if (!value) {
      if (field.required) errors[field.name] = `${field.label} is required`;
      settings[field.name] = undefined;
      continue;
    }
    const problem = fieldProblem(field, value);
    if (problem) errors[field.name] = problem;
    else settings[field.name] = field.type === "number" ? Number(value) : field.name === "currency" ? value.toUpperCase() : value;
  }
  const secret = secretValues(fields, input.values, input.savedSecrets ?? new Set(), errors);
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, provider: input.provider, name, settings, secret };
}

function fieldProblem(field: FormField, value: string): string | null {
  if (field.type === "url") return urlProblem(field.label, value);
  if (field.type === "number") return /^[1-9]\d{0,8}$/.test(value) ? null : `${field.label} must be a whole number above 0`;
  if (field.type === "select" && !field.options?.some((o) => o.value === value)) {
    return `${field.label} must be one of ${field.options?.map((o) => o.label).join(", ")}`;
  }
  if (field.name === "currency" && !/^[A-Za-z]{3}$/.test(value)) return "Currency must be a three-letter code such as USD or EUR";
  return null;
}
