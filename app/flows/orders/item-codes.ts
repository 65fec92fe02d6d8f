import type { Db } from "~/db/client.server";
import type { Order, ShopifyId } from "~/domain";
import { AppError } from "~/errors";

/** Where lines with no SKU mapping go, when the merchant has chosen an ERP item for them. */
export interface FallbackItems {
  /** ERP item for custom lines (no product, or no SKU), e.g. "MISC". */
  customLineItemCode?: string | null;
  /** ERP item for gift card sales (a liability, booked on its own account). */
  giftCardItemCode?: string | null;
}

const LOOKUP_SLICE = 400;

/**
 * The ERP item code of every line still on the order: by the variant's SKU mapping, then by
 * SKU, then the merchant's fallback items for custom and gift card lines. Every unmapped line
 * is named in one error, so the merchant fixes them all at once.
 */
export async function itemCodesFor(db: Db, connectionId: string, order: Order, fallback: FallbackItems): Promise<Record<ShopifyId, string>> {
  const lines = order.lines.filter((l) => l.currentQuantity > 0);
  const variantIds = [...new Set(lines.map((l) => l.variantId).filter((v): v is string => v !== null))];
  const skus = [...new Set(lines.map((l) => l.sku).filter((s): s is string => s !== null))];
  const mappings = [];
  // In slices: an order of thousands of lines would pass the database's limit of query parameters (SQLite: 999).
  for (let i = 0; i < Math.max(variantIds.length, skus.length); i += LOOKUP_SLICE) {
    mappings.push(
      ...(await db.skuMapping.findMany({
        where: { connectionId, status: "active", OR: [{ shopifyVariantId: { in: variantIds.slice(i, i + LOOKUP_SLICE) } }, { sku: { in: skus.slice(i, i + LOOKUP_SLICE) } }] },
        select: { shopifyVariantId: true, sku: true, erpItemCode: true, erpItemId: true },
      })),
    );
  }
  const byVariant = new Map(mappings.map((m) => [m.shopifyVariantId, m.erpItemCode ?? m.erpItemId]));
  const bySku = new Map(mappings.map((m) => [m.sku, m.erpItemCode ?? m.erpItemId]));

  const codes: Record<ShopifyId, string> = {};
  const unmapped: string[] = [];
  for (const line of lines) {
    const code =
      (line.variantId && byVariant.get(line.variantId)) ||
      (line.sku && bySku.get(line.sku)) ||
      (line.isGiftCard ? fallback.giftCardItemCode : null) ||
      (!line.sku || !line.variantId ? fallback.customLineItemCode : null);
    if (code) codes[line.id] = code;
    else unmapped.push(line.sku ? `SKU ${line.sku}` : `"${line.title}" (${line.isGiftCard ? "gift card" : "no SKU"})`);
  }
  if (unmapped.length > 0) {
    throw new AppError("mapping", `${unmapped.join(", ")} ${unmapped.length === 1 ? "is" : "are"} not mapped to an ERP item`, {
      details: { unmapped },
    });
  }
  return codes;
}
