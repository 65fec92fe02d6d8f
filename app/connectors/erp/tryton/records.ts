/** Small typed wrappers over Tryton's ORM calls, so the mapping code reads as what it does. */
import type { TrytonContext, TrytonRpc } from "./rpc";

/** A record as search_read/read return it: its id, the fields asked for, and dotted "x." sub-records. */
export type TrytonRecord = { id: number } & Record<string, unknown>;
export type Domain = unknown[];

export interface ReadOptions {
  offset?: number;
  limit?: number | null;
  order?: [string, "ASC" | "DESC"][] | null;
  context?: TrytonContext;
  operation?: string;
}

export const searchRead = (rpc: TrytonRpc, model: string, domain: Domain, fields: string[], options: ReadOptions = {}) =>
  rpc.model<TrytonRecord[]>(model, "search_read", [domain, options.offset ?? 0, options.limit ?? null, options.order ?? null, fields], options);

export const read = (rpc: TrytonRpc, model: string, ids: number[], fields: string[], options: Pick<ReadOptions, "context" | "operation"> = {}) =>
  ids.length ? rpc.model<TrytonRecord[]>(model, "read", [ids, fields], options) : Promise.resolve([]);

export async function createOne(rpc: TrytonRpc, model: string, values: Record<string, unknown>, operation?: string): Promise<number> {
  const [id] = await rpc.model<number[]>(model, "create", [[values]], { operation });
  return id!;
}

/** A button (workflow transition) on records, e.g. sale.sale quote. */
export const button = (rpc: TrytonRpc, model: string, name: string, ids: number[], operation?: string) =>
  rpc.model<unknown>(model, name, [ids], { operation });

/** A Many2One as its id (trytond sends null for none). */
export const ref = (value: unknown): number | null => (typeof value === "number" ? value : null);

/** A dotted sub-record ("product." -> { code }) as read with a "product.code" field. */
export const sub = (record: TrytonRecord, field: string): Record<string, unknown> =>
  (record[`${field}.`] as Record<string, unknown> | null | undefined) ?? {};

export const text = (value: unknown): string | null => (typeof value === "string" && value ? value : null);
