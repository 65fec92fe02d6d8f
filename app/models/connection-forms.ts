/**
 * What the connection forms have in common (shared with the browser): the shape of a field, the
 * field errors an action answers with, and the checks of a URL or an email. Secret fields are
 * never sent back to the page: the page only learns that one is saved.
 */

/** Errors by form field name, each a sentence that names the field and says what is wrong. */
export type FieldErrors = Record<string, string>;

export interface FormField {
  name: string;
  label: string;
  type: "text" | "url" | "email" | "password" | "number" | "select";
  required: boolean;
  /** Stored sealed in the connection's secret, never in its settings, never shown again. */
  secret: boolean;
  helpText?: string;
  placeholder?: string;
  options?: { label: string; value: string }[];
}

/** The form's values as text, trimmed; absent fields are "". */
export function formValues(form: FormData | URLSearchParams, fields: readonly FormField[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of fields) {
    const raw = form.get(field.name);
    values[field.name] = typeof raw === "string" ? raw.trim() : "";
  }
  return values;
}

/** Why `value` is not an http(s) address, or null when it is one. */
export function urlProblem(label: string, value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${label} must be a full address such as https://erp.example.com`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return `${label} must start with http:// or https://`;
  if (url.username || url.password) return `${label} must not contain a user name or password: use the credential fields`;
  return null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Why `value` is not an email address, or null when it looks like one. */
export function emailProblem(label: string, value: string): string | null {
  return EMAIL.test(value) ? null : `${label} must be an email address such as agent@example.com`;
}

/** Secret fields left blank keep what is saved; a required one with nothing saved is an error. */
export function secretValues(
  fields: readonly FormField[],
  values: Record<string, string>,
  saved: ReadonlySet<string>,
  errors: FieldErrors,
): Record<string, string> {
  const secret: Record<string, string> = {};
  for (const field of fields.filter((f) => f.secret)) {
    const value = values[field.name] ?? "";
    if (value) secret[field.name] = value;
    else if (field.required && !saved.has(field.name)) errors[field.name] = `${field.label} is required`;
  }
  return secret;
}
