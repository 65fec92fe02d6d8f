/** The group an ordered job runs in: one flow of one shop. */
export function orderingKey(queue: string, shopId: string | null): string {
  return `${queue}|${shopId ?? "-"}`;
}
