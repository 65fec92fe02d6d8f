/**
 * A value for Shopify's search syntax that stays one value: double-quoted, with backslash and
 * double quote escaped, so text like `a" OR email:*` cannot add terms or connectives.
 */
export function quotedSearchValue(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
