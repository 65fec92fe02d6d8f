/** Shopify global ids: gid://shopify/<Type>/<numeric id>[?query]. Ids stay strings so none loses precision. */
export function toGid(type: string, id: string, query?: string): string {
  return `gid://shopify/${type}/${id}${query ? `?${query}` : ""}`;
}

export interface ParsedGid {
  type: string;
  id: string;
}

/** Parses a gid; a bare numeric id is rejected because Shopify's ID arguments need gids. */
export function parseGid(gid: unknown): ParsedGid | null {
  if (typeof gid !== "string") return null;
  const m = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(\?.*)?$/.exec(gid);
  return m ? { type: m[1], id: m[2] } : null;
}

/** The numeric id of a gid of the expected type, or null. */
export function idOf(gid: unknown, type: string): string | null {
  const parsed = parseGid(gid);
  return parsed && parsed.type === type ? parsed.id : null;
}
