/**
 * Customer shipments that reached "done", polled with a cursor since Tryton sends no webhooks.
 * The cursor is the last shipment's (write_date, id), with write_date at trytond's microsecond
 * precision, so a page boundary inside one timestamp neither skips nor repeats a shipment. A
 * shipment edited after it was done (tracking added later) comes round again, which the
 * consumer treats as an update of the same shipment.
 */
import type { ErpShipment } from "../erp-documents";
import type { ShipmentsSince } from "../port";
import { read, searchRead, sub, text, type TrytonRecord } from "./records";
import type { TrytonRpc } from "./rpc";
import { SHIPMENT_FIELDS, toErpShipment } from "./sale-read";
import { lineItemIdFromNote } from "./sale-lines";
import { dateTimeFromText, readDateTimeText } from "./values";

const PAGE = 100;

function parseCursor(cursor: string | null): { at: string; id: number } | null {
  if (!cursor) return null;
  const [at, id] = cursor.split("|");
  return at && id && /^\d+$/.test(id) ? { at, id: Number(id) } : null;
}

export async function listShipmentsSince(rpc: TrytonRpc, cursor: string | null): Promise<ShipmentsSince> {
  const after = parseCursor(cursor);
  const domain: unknown[] = [["state", "=", "done"]];
  if (after) {
    const at = dateTimeFromText(after.at);
    domain.push(["OR", ["write_date", ">", at], [["write_date", "=", at], ["id", ">", after.id]]]);
  }
  const shipments = await searchRead(rpc, "stock.shipment.out", domain, SHIPMENT_FIELDS, {
    limit: PAGE,
    order: [["write_date", "ASC"], ["id", "ASC"]],
    operation: "read shipments",
  });
  const moves = await read(rpc, "stock.move", shipments.flatMap((s) => s.outgoing_moves as number[]), ["quantity", "state", "shipment", "origin"], {
    operation: "read shipped moves",
  });
  const lineIds = [...new Set(moves.map((m) => /^sale\.line,(\d+)$/.exec(String(m.origin))?.[1]).filter(Boolean).map(Number))];
  const lines = await read(rpc, "sale.line", lineIds, ["note", "product.code", "sale", "sale.reference"], { operation: "read sold lines" });
  const lineInfo = new Map(
    lines.map((l: TrytonRecord) => [
      l.id,
      { lineItemId: lineItemIdFromNote(l.note), itemCode: text(sub(l, "product").code) ?? "", sale: { id: Number(l.sale), reference: text(sub(l, "sale").reference) ?? "" } },
    ]),
  );
  const last = shipments.at(-1);
  const nextCursor = last ? `${readDateTimeText(last.write_date) ?? readDateTimeText(last.create_date)}|${last.id}` : (cursor ?? "");
  return {
    shipments: shipments.map((s) => toErpShipment(s, moves, lineInfo)).filter((s): s is ErpShipment => s !== null),
    nextCursor,
    hasMore: shipments.length === PAGE,
  };
}
