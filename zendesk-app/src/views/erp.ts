/** What the ERP says about one order: allocation, lines, shipments, invoices, credit memos, RMAs. */
import type { ErpOrderView, OrderView, ParcelView } from "../../../app/flows/helpdesk/view";
import { el, time } from "../dom";
import { date, dateTime, money, words } from "../format";
import { t } from "../strings";

export function erpSection(order: OrderView): HTMLElement {
  const erp = order.erp;
  const section = el("section", { class: "erp", "aria-label": erp ? t.erpTitle(erp.number) : t.erpSection });
  const banner = staleBanner(order);
  if (banner) section.append(banner);
  if (!erp) {
    if (!order.erpUnavailable) section.append(el("p", { class: "muted" }, t.erpMissing));
    return section;
  }
  const parts: (HTMLElement | null)[] = [
    el("h3", {}, t.erpTitle(erp.number)),
    el(
      "dl",
      { class: "facts" },
      el("dt", {}, t.erpStatus),
      el("dd", {}, words(erp.status)),
      el("dt", {}, t.allocation),
      el("dd", { class: `allocation ${erp.allocation}` }, t.allocationWords[erp.allocation] ?? erp.allocation),
      el("dt", {}, t.total),
      el("dd", {}, money(erp.total)),
    ),
    el(
      "ul",
      { class: "lines" },
      erp.lines.map((line) =>
        el("li", {}, el("span", { class: "code" }, line.itemCode), " ", t.lineFacts(line.allocated, line.backordered, line.shipped, line.quantity)),
      ),
    ),
    shipments(erp),
    documents(t.invoices, erp.invoices.map((invoice) => [invoice.erpId, money(invoice.total), invoice.createdAt])),
    documents(t.creditMemos, erp.creditMemos.map((memo) => [memo.erpId, money(memo.total), memo.createdAt])),
    documents(
      t.returnAuthorisations,
      erp.returnAuthorisations.map((ra) => [ra.erpId, words(ra.status), ra.createdAt]),
    ),
  ];
  section.append(...parts.filter((part): part is HTMLElement => part !== null));
  return section;
}

/** Shown when the ERP could not be asked now: the agent must know the data may be old. */
function staleBanner(order: OrderView): HTMLElement | null {
  if (order.erp?.stale) {
    return el("p", { class: "banner stale", role: "status" }, `${t.erpStale} `, time(order.erp.asOf, dateTime(order.erp.asOf)));
  }
  if (order.erpUnavailable) {
    return el("p", { class: "banner stale", role: "status" }, t.erpUnavailable(order.erpUnavailable));
  }
  return null;
}

function shipments(erp: ErpOrderView): HTMLElement | null {
  if (erp.shipments.length === 0) return null;
  return el(
    "div",
    {},
    el("h4", {}, t.shipments),
    el(
      "ul",
      {},
      erp.shipments.map((shipment) =>
        el(
          "li",
          {},
          `${shipment.erpId}, `,
          time(shipment.createdAt, date(shipment.createdAt)),
          el("ul", {}, shipment.parcels.map(parcel)),
        ),
      ),
    ),
  );
}

function parcel(view: ParcelView): HTMLElement {
  const units = view.lines.map((line) => `${line.quantity} × ${line.itemCode}`).join(", ");
  const tracking = view.trackingNumber
    ? view.trackingUrl && /^https?:\/\//i.test(view.trackingUrl)
      ? el("a", { href: view.trackingUrl, target: "_blank", rel: "noopener noreferrer" }, view.trackingNumber)
      : view.trackingNumber
    : t.noTracking;
  return el("li", {}, `${t.parcel(view.carrier)}: `, tracking, units && ` (${units})`);
}

function documents(title: string, rows: [string, string, string][]): HTMLElement | null {
  if (rows.length === 0) return null;
  return el(
    "div",
    {},
    el("h4", {}, title),
    el("ul", {}, rows.map(([id, detail, at]) => el("li", {}, `${id}: ${detail}, `, time(at, date(at))))),
  );
}
