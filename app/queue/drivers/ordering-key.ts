/** The group an ordered job runs in: one flow of one shop, or one document of it when keyed. */
export function orderingKey(queue: string, shopId: string | null, key?: string | null): string {
  return `${queue}|${shopId ?? "-"}${key ? `|${key}` : ""}`;
}
