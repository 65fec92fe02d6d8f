import type { z } from "zod";
import { idFromGid, money, normalizeDecimal, numberToDecimal, toTimestamp, type Money, type ShopifyId, type Timestamp } from "~/domain";
import { ShopifyPayloadError } from "./shopify-payload-error";

type Path = ReadonlyArray<string | number>;

/** "line_items.0.price" from ["line_items", 0, "price"]. */
export function formatPath(path: Path): string {
  return path.map(String).join(".");
}

/**
 * Turns payload values into canonical ones and reports any failure as a ShopifyPayloadError
 * that names the payload and the field, so an exception queue can say exactly what was wrong.
 */
export class PayloadReader {
  constructor(readonly source: string) {}

  /** Fails with the path of the first bad field. */
  fail(path: Path, reason: string): never {
    throw new ShopifyPayloadError(formatPath(path), reason, this.source);
  }

  /** Validates `data` with a zod schema; the first issue becomes the error. */
  parse<Schema extends z.ZodType>(schema: Schema, data: unknown, basePath: Path = []): z.infer<Schema> {
    const result = schema.safeParse(data);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    return this.fail([...basePath, ...(issue.path as Array<string | number>)], issue.message);
  }

  /** Canonical money from a payload amount. */
  money(amount: string, currency: string, path: Path): Money {
    try {
      return money(amount, currency);
    } catch (error) {
      return this.fail(path, (error as Error).message);
    }
  }

  /** The numeric id, preferring the exact gid when the payload has one. */
  id(gid: string | null | undefined, fallback: string | null | undefined, type: string, path: Path): ShopifyId {
    if (gid) {
      try {
        return idFromGid(gid, type);
      } catch (error) {
        return this.fail([...path, "admin_graphql_api_id"], (error as Error).message);
      }
    }
    if (!fallback || !/^[1-9]\d*$/.test(fallback)) return this.fail([...path, "id"], "missing id");
    return fallback;
  }

  /** A numeric id from a gid of the expected type (GraphQL answers). */
  gid(gid: string, type: string, path: Path): ShopifyId {
    return this.id(gid, null, type, path);
  }

  /** Canonical UTC time. */
  time(value: string, path: Path): Timestamp {
    try {
      return toTimestamp(value);
    } catch (error) {
      return this.fail(path, (error as Error).message);
    }
  }

  /** Canonical UTC time, or null when absent. */
  optionalTime(value: string | null | undefined, path: Path): Timestamp | null {
    return value ? this.time(value, path) : null;
  }

  /** One of the allowed canonical values, from a payload value in any letter case. */
  oneOf<const Value extends string>(allowed: readonly Value[], value: string, path: Path): Value {
    const normalised = value.toLowerCase();
    const match = allowed.find((candidate) => candidate === normalised);
    return match ?? this.fail(path, `unexpected value "${value}" (expected one of ${allowed.join(", ")})`);
  }

  /** Validates a finished canonical object; a failure means the payload contradicted itself. */
  canonical<Schema extends z.ZodType>(schema: Schema, value: z.input<Schema>): z.infer<Schema> {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    return this.fail(["(canonical)", ...(issue.path as Array<string | number>)], issue.message);
  }
}

/** "" and whitespace-only SKUs mean "no SKU": canonical lines use null. */
export function skuOrNull(sku: string | null | undefined): string | null {
  const trimmed = sku?.trim();
  return trimmed ? trimmed : null;
}

/** Empty strings from Shopify forms mean "not given". */
export function textOrNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value === "" ? null : value;
}

/** A tax rate as a decimal fraction string ("0.06"), from the JSON number Shopify sends. */
export function taxRate(rate: number | null | undefined): string | null {
  return rate === null || rate === undefined ? null : normalizeDecimal(numberToDecimal(rate));
}
