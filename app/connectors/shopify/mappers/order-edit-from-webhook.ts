import { OrderEdit } from "~/domain";
import { parseExactJson } from "./parse-exact-json";
import { PayloadReader, textOrNull } from "./payload-reader";
import { RestOrderEditPayload } from "./webhook-schemas";

const TOPIC = "orders/edited";

/**
 * The canonical summary of an orders/edited body: which lines were added or removed and by
 * how many units. The body has no prices; the flow re-reads the order with ORDER_QUERY.
 */
export function orderEditFromWebhook(rawBody: string): OrderEdit {
  const reader = new PayloadReader(TOPIC);
  const { order_edit: edit } = reader.parse(RestOrderEditPayload, parseExactJson(rawBody, TOPIC));
  const change = (line: { id: string; delta: number }) => ({ lineItemId: line.id, quantity: line.delta });
  return reader.canonical(OrderEdit, {
    id: edit.id,
    orderId: edit.order_id,
    createdAt: reader.time(edit.created_at, ["order_edit", "created_at"]),
    committedAt: reader.optionalTime(edit.committed_at, ["order_edit", "committed_at"]),
    staffNote: textOrNull(edit.staff_note),
    addedLines: edit.line_items.additions.map(change),
    removedLines: edit.line_items.removals.map(change),
  });
}
