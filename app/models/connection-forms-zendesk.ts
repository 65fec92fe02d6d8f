/**
 * The Zendesk connection form (shared with the browser): where the account is, who the app
 * calls the Tickets API as, and which group gets tickets about exceptions. The keys are those
 * app/connectors/helpdesk/zendesk/settings.ts reads (settings: subdomain, agentEmail, groupId;
 * secret: apiToken, plus the sidebar's sharedSecret, which is generated, never typed).
 */
import { emailProblem, secretValues, type FieldErrors, type FormField } from "./connection-forms";

export const ZENDESK_FIELDS: readonly FormField[] = [
  { name: "subdomain", label: "Zendesk subdomain", type: "text", required: true, secret: false, placeholder: "acme", helpText: "The part before .zendesk.com in your Zendesk address." },
  { name: "agentEmail", label: "Agent email", type: "email", required: true, secret: false, helpText: "The Zendesk agent the app opens tickets as." },
  { name: "apiToken", label: "API token", type: "password", required: true, secret: true, helpText: "Admin Center > Apps and integrations > Zendesk API > API tokens." },
  { name: "groupId", label: "Group for exception tickets", type: "number", required: false, secret: false, helpText: "Optional: the id of the Zendesk group that gets a ticket when an order cannot reach the ERP." },
];

/** The connection name a shop's Zendesk connection is saved under. */
export const ZENDESK_CONNECTION_NAME = "Zendesk";

const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export type ZendeskFormResult =
  | { ok: true; settings: { subdomain: string; agentEmail: string; groupId: number | undefined }; secret: Record<string, string> }
  | { ok: false; errors: FieldErrors };

/** "acme", "acme.zendesk.com" and "https://acme.zendesk.com/agent" all name the subdomain "acme". */
export function subdomainOf(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, "")
    .replace(/\/.*$/, "")
    .replace(/\.zendesk\.com$/, "");
}

export function validateZendeskForm(values: Record<string, string>, savedSecrets: ReadonlySet<string> = new Set()): ZendeskFormResult {
  const errors: FieldErrors = {};
  const subdomain = subdomainOf(values.subdomain ?? "");
  if (!subdomain) errors.subdomain = "Zendesk subdomain is required";
  else if (!SUBDOMAIN.test(subdomain)) errors.subdomain = `Zendesk subdomain "${subdomain}" may contain only letters, digits and hyphens (the part before .zendesk.com)`;

  const agentEmail = (values.agentEmail ?? "").trim();
  if (!agentEmail) errors.agentEmail = "Agent email is required";
  else {
    const problem = emailProblem("Agent email", agentEmail);
    if (problem) errors.agentEmail = problem;
  }

  const group = (values.groupId ?? "").trim();
  if (group && !/^[1-9]\d{0,15}$/.test(group)) errors.groupId = "Group for exception tickets must be a Zendesk group id (a whole number), or blank";

  const secret = secretValues(ZENDESK_FIELDS, values, savedSecrets, errors);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, settings: { subdomain, agentEmail, groupId: group ? Number(group) : undefined }, secret };
}
