/**
 * The exception list's filters as URL query parameters (?flow=&errorClass=&impact=&status=&age=
 * &sourceType=&q=&page=), so the dashboard and helpdesk notes can link into a filtered list.
 * Shared by the loader (parsing) and the page (choices and labels): no server code here.
 */

export const EXCEPTION_STATUSES = ["open", "closed", "all"] as const;
export type ExceptionStatusFilter = (typeof EXCEPTION_STATUSES)[number];
export const STATUS_LABELS: Record<ExceptionStatusFilter, string> = {
  open: "Open and retrying",
  closed: "Resolved and ignored",
  all: "All",
};

export const IMPACTS = ["high", "medium", "low"] as const;
export type ImpactFilter = (typeof IMPACTS)[number];

/** Age filters: exceptions created longer ago than this. */
export const AGES = { "1h": 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000 } as const;
export type AgeFilter = keyof typeof AGES;
export const AGE_LABELS: Record<AgeFilter, string> = { "1h": "Older than 1 hour", "24h": "Older than 24 hours", "7d": "Older than 7 days" };

export const FLOW_LABELS: Record<string, string> = {
  orders: "Orders to ERP",
  returns: "Returns",
  fulfillment: "Shipments",
  inventory: "Stock",
  catalog: "Catalog and prices",
  helpdesk: "Helpdesk tickets",
};

export const ERROR_CLASS_LABELS: Record<string, string> = {
  mapping: "Not mapped",
  rejected: "Refused by the other system",
  validation: "Incomplete or invalid data",
  conflict: "Conflict",
  auth: "Credentials refused",
  not_found: "Not found",
  late: "Late",
  transient: "Temporary failure (retries used up)",
  rate_limited: "Rate limited (retries used up)",
  unavailable: "System down (retries used up)",
};

export const SOURCE_TYPE_LABELS: Record<string, string> = {
  order: "Order",
  refund: "Refund",
  return: "Return",
  fulfillment: "Fulfillment",
  shipment: "Shipment",
  product: "Product",
};

export const PAGE_SIZE = 25;
const MAX_QUERY = 100;

export interface ExceptionFilters {
  status: ExceptionStatusFilter;
  flow: string | null;
  errorClass: string | null;
  impact: ImpactFilter | null;
  age: AgeFilter | null;
  sourceType: string | null;
  /** A document name (#1001), a Shopify or exception id, or a correlation id. */
  q: string | null;
  page: number;
}

const NAME = /^[a-z_]{1,40}$/;

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

/**
 * Reads the filters from a URL's query; a value that is not a known choice is ignored rather
 * than refused, so an old or hand-edited link still opens the list.
 */
export function parseExceptionFilters(params: URLSearchParams): ExceptionFilters {
  const text = (key: string) => {
    const value = params.get(key)?.trim() ?? "";
    return value === "" ? null : value;
  };
  const name = (key: string) => {
    const value = text(key);
    return value !== null && NAME.test(value) ? value : null;
  };
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  return {
    // A link to one exception (?exception=<id>) must find it even when it is closed.
    status: oneOf(text("status"), EXCEPTION_STATUSES) ?? (params.has("exception") ? "all" : "open"),
    flow: name("flow"),
    errorClass: name("errorClass"),
    impact: oneOf(text("impact"), IMPACTS),
    age: oneOf(text("age"), Object.keys(AGES) as AgeFilter[]),
    sourceType: name("sourceType"),
    q: text("q")?.slice(0, MAX_QUERY) ?? null,
    page: Number.isFinite(page) && page > 0 ? Math.min(page, 10_000) : 1,
  };
}

/** True when anything narrows the list beyond its default (open exceptions). */
export function isFiltered(filters: ExceptionFilters): boolean {
  return (
    filters.status !== "open" ||
    [filters.flow, filters.errorClass, filters.impact, filters.age, filters.sourceType, filters.q].some((v) => v !== null)
  );
}

/** The query string of these filters (defaults left out), for links and for the next page. */
export function filtersToSearch(filters: Partial<ExceptionFilters>): string {
  const params = new URLSearchParams();
  if (filters.status && filters.status !== "open") params.set("status", filters.status);
  for (const key of ["flow", "errorClass", "impact", "age", "sourceType", "q"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (filters.page && filters.page > 1) params.set("page", String(filters.page));
  return params.toString();
}

/** A label for a code, or the code itself when it has none. */
export function labelOf(labels: Record<string, string>, code: string | null | undefined): string {
  return code ? labels[code] ?? code : "";
}
