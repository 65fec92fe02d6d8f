import { z } from "zod";

/**
 * Shopify sends local-offset times over REST ("2021-12-31T19:00:00-05:00") and UTC over
 * GraphQL ("2022-01-01T00:00:00Z"). Canonical time is one UTC form, so the same instant
 * from either source compares equal as text and sorts correctly.
 */

/** An instant as UTC ISO-8601 with milliseconds, e.g. "2022-01-01T00:00:00.000Z". */
export const Timestamp = z.iso.datetime({ precision: 3 });
export type Timestamp = z.infer<typeof Timestamp>;

/** The canonical UTC form of any ISO-8601 date-time; throws on text that is not one. */
export function toTimestamp(value: string | Date): Timestamp {
  const date = typeof value === "string" ? parseIsoDateTime(value) : value;
  if (Number.isNaN(date.getTime())) throw new RangeError(`"${String(value)}" is not a valid date-time`);
  return date.toISOString();
}

function parseIsoDateTime(text: string): Date {
  // Date.parse accepts many loose forms; insist on a full date-time with a zone.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    return new Date(Number.NaN);
  }
  return new Date(text);
}
