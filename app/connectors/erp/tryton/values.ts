/**
 * Tryton's JSON encoding of Python values: Decimal, date and datetime travel as tagged objects
 * ({"__class__": "Decimal", "decimal": "20.00"}). Decimals stay strings here so money is never
 * a float; datetimes are UTC, as trytond stores them.
 */

export interface TrytonDecimal {
  __class__: "Decimal";
  decimal: string;
}
export interface TrytonDate {
  __class__: "date";
  year: number;
  month: number;
  day: number;
}
export interface TrytonDateTime {
  __class__: "datetime";
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
}

export const decimal = (value: string): TrytonDecimal => ({ __class__: "Decimal", decimal: value });

/** A calendar date ("2026-11-28" or a Date, read in UTC). */
export function date(value: string | Date): TrytonDate {
  const d = typeof value === "string" ? new Date(`${value.slice(0, 10)}T00:00:00Z`) : value;
  return { __class__: "date", year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function dateTime(value: Date): TrytonDateTime {
  return {
    __class__: "datetime",
    year: value.getUTCFullYear(),
    month: value.getUTCMonth() + 1,
    day: value.getUTCDate(),
    hour: value.getUTCHours(),
    minute: value.getUTCMinutes(),
    second: value.getUTCSeconds(),
    microsecond: value.getUTCMilliseconds() * 1000,
  };
}

const isTagged = (value: unknown, tag: string): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && (value as { __class__?: unknown }).__class__ === tag;

/** A Decimal (or a plain number trytond sent for an integer field) as a decimal string. */
export function readDecimal(value: unknown): string {
  if (isTagged(value, "Decimal")) return String(value.decimal);
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value)) return value;
  throw new TypeError(`expected a Tryton Decimal, got ${JSON.stringify(value)}`);
}

/** A date as "YYYY-MM-DD", or null. */
export function readDate(value: unknown): string | null {
  if (value === null || value === undefined || value === false) return null;
  if (!isTagged(value, "date")) throw new TypeError(`expected a Tryton date, got ${JSON.stringify(value)}`);
  const pad = (n: unknown, width = 2) => String(n).padStart(width, "0");
  return `${pad(value.year, 4)}-${pad(value.month)}-${pad(value.day)}`;
}

/** A datetime (UTC) as a Date, or null. */
export function readDateTime(value: unknown): Date | null {
  if (value === null || value === undefined || value === false) return null;
  if (!isTagged(value, "datetime")) throw new TypeError(`expected a Tryton datetime, got ${JSON.stringify(value)}`);
  const n = (key: string) => Number(value[key] ?? 0);
  return new Date(Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"), Math.floor(n("microsecond") / 1000)));
}

/**
 * A datetime as ISO text with microseconds ("2026-11-28T14:17:32.123456Z"): cursors need the
 * full precision trytond keeps, which a Date would round to milliseconds.
 */
export function readDateTimeText(value: unknown): string | null {
  if (value === null || value === undefined || value === false) return null;
  if (!isTagged(value, "datetime")) throw new TypeError(`expected a Tryton datetime, got ${JSON.stringify(value)}`);
  const pad = (key: string, width = 2) => String(value[key] ?? 0).padStart(width, "0");
  return `${pad("year", 4)}-${pad("month")}-${pad("day")}T${pad("hour")}:${pad("minute")}:${pad("second")}.${pad("microsecond", 6)}Z`;
}

/** The inverse of readDateTimeText. */
export function dateTimeFromText(text: string): TrytonDateTime {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?Z$/.exec(text);
  if (!m) throw new TypeError(`expected an ISO datetime in UTC, got "${text}"`);
  const [, year, month, day, hour, minute, second, fraction = "0"] = m;
  return {
    __class__: "datetime",
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    microsecond: Number(fraction.padEnd(6, "0")),
  };
}
