/**
 * Whether an item code exists in the ERP. The connector port lists items by page only, so this
 * reads pages until the code turns up; fine for a person checking one code, not for bulk use.
 */
import type { ErpConnector, ErpItem } from "~/connectors/erp";

const PAGE_SIZE = 200;

export async function findErpItem(erp: Pick<ErpConnector, "listItems">, itemCode: string): Promise<ErpItem | null> {
  let cursor: string | null = null;
  do {
    const page = await erp.listItems({ cursor, limit: PAGE_SIZE });
    const found = page.items.find((i) => i.itemCode === itemCode);
    if (found) return found;
    cursor = page.nextCursor;
  } while (cursor);
  return null;
}
