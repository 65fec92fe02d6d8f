/**
 * Field checks of the mappings forms (pure, shared with the browser): each answer is either
 * the value to save or a message that names the field and says why it was refused.
 */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const MAX_SAFETY_STOCK = 1_000_000;
const MAX_CODE_LENGTH = 100;
// Control characters (PostgreSQL cannot even store NUL) and invisible formatting characters
// (bidi overrides, zero-width): a code holding one looks like another and never matches it.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const HIDDEN_CHARACTER = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

/** A safety stock: a whole number from 0; blank means none when `optional`. */
export function checkSafetyStock(raw: unknown, options: { optional: boolean }): Checked<number | null> {
  const text = typeof raw === "string" ? raw.trim() : "";
  if (text === "") return options.optional ? { ok: true, value: null } : { ok: false, error: "Safety stock is required: enter 0 for none" };
  if (!/^\d+$/.test(text)) return { ok: false, error: "Safety stock must be a whole number of 0 or more" };
  const value = Number(text);
  if (value > MAX_SAFETY_STOCK) return { ok: false, error: `Safety stock must be at most ${MAX_SAFETY_STOCK.toLocaleString("en-US")}` };
  return { ok: true, value };
}

/** A code someone typed (ERP item code, tax code...): trimmed, not empty, not too long, nothing hidden in it. */
export function checkCode(raw: unknown, label: string): Checked<string> {
  const text = typeof raw === "string" ? raw.trim() : "";
  if (text === "") return { ok: false, error: `${label} is required` };
  if (text.length > MAX_CODE_LENGTH) return { ok: false, error: `${label} must be at most ${MAX_CODE_LENGTH} characters` };
  if (HIDDEN_CHARACTER.test(text)) return { ok: false, error: `${label} must not contain control or invisible characters` };
  return { ok: true, value: text };
}

/** Field name -> message, as the actions answer and the forms show them. */
export type FieldErrors = Record<string, string>;

/** The values of the checks that passed and the messages of those that did not. */
export function collect<T extends Record<string, Checked<unknown>>>(checks: T): { values: { [K in keyof T]: T[K] extends Checked<infer V> ? V : never }; errors: FieldErrors } {
  const values: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  for (const [field, check] of Object.entries(checks)) {
    if (check.ok) values[field] = check.value;
    else errors[field] = check.error;
  }
  return { values: values as never, errors };
}
