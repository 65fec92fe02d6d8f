import { Select, TextField } from "@shopify/polaris";
import type { FormField } from "~/models/connection-forms";

const INPUT_TYPES = { password: "password", number: "number", url: "url", email: "email" } as const;

/**
 * One field of a connection form. A secret already saved is never sent back to the page: its
 * field stays empty and says so, and leaving it blank keeps the saved value.
 */
export function CredentialField({ field, value, onChange, error, saved }: { field: FormField; value: string; onChange: (v: string) => void; error?: string; saved: boolean }) {
  if (field.type === "select") {
    return <Select label={field.label} name={field.name} options={field.options ?? []} value={value || field.options?.[0]?.value} onChange={onChange} error={error} helpText={field.helpText} />;
  }
  const hidden = field.secret && saved;
  return (
    <TextField
      label={field.label}
      name={field.name}
      type={field.secret ? "password" : field.type === "text" ? "text" : INPUT_TYPES[field.type]}
      value={value}
      onChange={onChange}
      error={error}
      autoComplete={field.secret ? "new-password" : "off"}
      requiredIndicator={field.required && !hidden}
      placeholder={hidden ? "Saved, hidden: type a new value to replace it" : field.placeholder}
      helpText={hidden ? `Saved and hidden. Leave blank to keep it.${field.helpText ? ` ${field.helpText}` : ""}` : field.helpText}
    />
  );
}
