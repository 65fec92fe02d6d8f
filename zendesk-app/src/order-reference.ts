/**
 * Finds the order a ticket is about in its words: "#1001", "order 1001", "Order no. 1001",
 * "order number #1001". Answers the Shopify order name ("#1001") or null.
 */
const ORDER_REFERENCE = /(?:\border(?:\s*(?:no\.?|nr\.?|number|num\.?))?\s*[:#]?\s*#?|#)\s*(\d{3,})\b/i;

export function findOrderReference(texts: (string | null | undefined)[]): string | null {
  for (const text of texts) {
    if (!text) continue;
    const match = ORDER_REFERENCE.exec(stripTags(text));
    if (match) return `#${match[1]}`;
  }
  return null;
}

/** Comments arrive as HTML; tags would hide "order <b>1001</b>". */
function stripTags(text: string): string {
  return text.replace(/<[^>]*>/g, " ");
}
