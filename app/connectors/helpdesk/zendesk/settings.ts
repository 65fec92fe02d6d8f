/**
 * Where a helpdesk connection's Zendesk API is and who calls it: `https://<subdomain>.zendesk.com`,
 * or an explicit apiBaseUrl on this machine (the sandbox stand-in). Any other base URL is refused,
 * so an agent's API token is never sent to a host a setting merely names.
 */
import { AppError } from "~/errors";

/** A helpdesk connection as this connector needs it (settings and decrypted secret). */
export interface ZendeskConnection {
  settings: Record<string, unknown>;
  secret: Record<string, unknown>;
}

export interface ZendeskApiSettings {
  /** Without a trailing slash, e.g. https://acme.zendesk.com */
  baseUrl: string;
  agentEmail: string;
  apiToken: string;
  /** The group tickets about exceptions go to; null when the merchant has not chosen one. */
  groupId: number | null;
}

const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

function text(value: unknown): string {
  return typeof value === "string" ? value.trim() : "";
}

/** The group chosen in the connection's settings, or null (absent, empty or not a whole number). */
export function chosenGroupId(settings: Record<string, unknown>): number | null {
  const raw = settings.groupId;
  const value = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0 ? value : null;
}

/** The API base URL of these settings; a "validation" error when it is missing or not allowed. */
export function zendeskBaseUrl(settings: Record<string, unknown>): string {
  const explicit = text(settings.apiBaseUrl);
  if (explicit) {
    let url: URL;
    try {
      url = new URL(explicit);
    } catch {
      throw new AppError("validation", "The Zendesk connection's API base URL is not a URL");
    }
    if (!LOOPBACK.has(url.hostname) || (url.protocol !== "http:" && url.protocol !== "https:")) {
      throw new AppError("validation", "The Zendesk connection's API base URL may only point at this machine (127.0.0.1 or localhost); use the subdomain for Zendesk itself");
    }
    return url.origin;
  }
  const subdomain = text(settings.subdomain);
  if (!subdomain) throw new AppError("validation", "The Zendesk connection has no subdomain");
  if (!SUBDOMAIN.test(subdomain)) throw new AppError("validation", `"${subdomain}" is not a Zendesk subdomain (the part before .zendesk.com)`);
  return `https://${subdomain.toLowerCase()}.zendesk.com`;
}

/** Everything needed to call the Tickets API for this connection, or a "validation" error saying what is missing. */
export function zendeskApiSettings(connection: ZendeskConnection): ZendeskApiSettings {
  const baseUrl = zendeskBaseUrl(connection.settings);
  const agentEmail = text(connection.settings.agentEmail);
  if (!agentEmail) throw new AppError("validation", "The Zendesk connection has no agent email for the API");
  const apiToken = text(connection.secret.apiToken);
  if (!apiToken) throw new AppError("validation", "The Zendesk connection has no API token");
  return { baseUrl, agentEmail, apiToken, groupId: chosenGroupId(connection.settings) };
}
