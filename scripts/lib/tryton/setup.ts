/**
 * Makes a freshly initialised Tryton database ready to sell, over JSON-RPC only: a currency, a
 * company the admin works in, the minimal chart of accounts with default receivable/payable,
 * a fiscal year with its move and invoice sequences, a payment term, an accounting product
 * category, and a catalogue with stock in the default warehouse. Used by the live tests and by
 * `npm run sandbox:tryton`; a merchant's real Tryton has all of this already.
 */
import type { TrytonRpc } from "../../../app/connectors/erp/tryton/rpc";
import { createOne as create, searchRead } from "../../../app/connectors/erp/tryton/records";
import { date, decimal } from "../../../app/connectors/erp/tryton/values";

async function one(rpc: TrytonRpc, model: string, domain: unknown[], what: string): Promise<number> {
  const rows = await searchRead(rpc, model, domain, ["id"], { limit: 1 });
  if (!rows[0]) throw new Error(`Tryton setup: no ${what} (${model} ${JSON.stringify(domain)})`);
  return rows[0].id;
}

export interface CompanyOptions {
  currency?: string;
  companyName?: string;
  /** The fiscal year to open; default the current calendar year. */
  year?: number;
}

/**
 * Sets up the company side. Call with a fresh client afterwards: the admin's context (company)
 * changes here, and a client keeps the context it logged in with.
 */
export async function setUpTrytonCompany(rpc: TrytonRpc, options: CompanyOptions = {}): Promise<void> {
  const code = options.currency ?? "USD";
  const currency = await create(rpc, "currency.currency", { name: code, code, symbol: code, rounding: decimal("0.01"), digits: 2 });
  await create(rpc, "currency.currency.rate", { currency, rate: decimal("1"), date: date("2000-01-01") });
  const party = await create(rpc, "party.party", { name: options.companyName ?? "Outdoor Goods Ltd" });
  const company = await create(rpc, "company.company", { party, currency });
  const [user] = await searchRead(rpc, "res.user", [["login", "=", "admin"]], ["id"]);
  await rpc.model("res.user", "write", [[user!.id], { companies: [["add", [company]]], company }]);

  // The admin's session still has no company: every call below names it in its context.
  const ctx = { company };
  const withCompany = <T>(model: string, method: string, args: unknown[]) => rpc.model<T>(model, method, args, { context: ctx });
  const make = async (model: string, values: Record<string, unknown>) => (await withCompany<number[]>(model, "create", [[values]]))[0]!;

  const template = await one(rpc, "account.account.template", [["parent", "=", null], ["name", "ilike", "%Minimal%"]], "minimal account chart");
  const wizardContext = { ...(await rpc.context()), company };
  const [sessionId] = await rpc.call<[number, string, string]>("wizard.account.create_chart.create", [wizardContext]);
  const step = (data: Record<string, unknown>, state: string) =>
    rpc.call<{ view?: { defaults?: Record<string, unknown> } }>("wizard.account.create_chart.execute", [sessionId, data, state, wizardContext]);
  await step({}, "account");
  await step({ account: { company, account_template: template } }, "create_account");
  const receivable = await one(rpc, "account.account", [["type.receivable", "=", true], ["company", "=", company]], "receivable account");
  const payable = await one(rpc, "account.account", [["type.payable", "=", true], ["company", "=", company]], "payable account");
  await step({ properties: { company, account_receivable: receivable, account_payable: payable } }, "create_properties");
  await rpc.call("wizard.account.create_chart.delete", [sessionId, wizardContext]);

  const year = options.year ?? new Date().getUTCFullYear();
  const moveType = await one(rpc, "ir.sequence.type", [["name", "=", "Account Move"]], "account move sequence type");
  const invoiceType = await one(rpc, "ir.sequence.type", [["name", "=", "Invoice"]], "invoice sequence type");
  const postMoveSequence = await make("ir.sequence", { name: String(year), sequence_type: moveType, company });
  const invoiceSequence = await make("ir.sequence.strict", { name: String(year), sequence_type: invoiceType, company });
  const fiscalYear = await make("account.fiscalyear", {
    name: String(year),
    start_date: date(`${year}-01-01`),
    end_date: date(`${year}-12-31`),
    company,
    post_move_sequence: postMoveSequence,
    invoice_sequences: [
      [
        "create",
        [
          {
            company,
            out_invoice_sequence: invoiceSequence,
            in_invoice_sequence: invoiceSequence,
            out_credit_note_sequence: invoiceSequence,
            in_credit_note_sequence: invoiceSequence,
          },
        ],
      ],
    ],
  });
  await withCompany("account.fiscalyear", "create_period", [[fiscalYear]]);

  await make("account.invoice.payment_term", { name: "Paid in Shopify", lines: [["create", [{ type: "remainder" }]]] });
  const revenue = await one(rpc, "account.account", [["type.revenue", "=", true], ["company", "=", company]], "revenue account");
  const expense = await one(rpc, "account.account", [["type.expense", "=", true], ["company", "=", company]], "expense account");
  await make("product.category", { name: "Goods", accounting: true, account_revenue: revenue, account_expense: expense });
}

export interface CatalogSeed {
  items: { code: string; name: string; price: string; type?: "goods" | "service" }[];
  stock: { code: string; quantity: number }[];
}

/** Products by code (goods by default) and their quantity in the warehouse's storage, via a confirmed inventory. */
export async function seedTrytonCatalog(rpc: TrytonRpc, seed: CatalogSeed): Promise<{ productIds: Record<string, number>; warehouseId: number }> {
  const unit = await one(rpc, "product.uom", [["symbol", "=", "u"]], "unit of measure");
  const category = await one(rpc, "product.category", [["accounting", "=", true]], "accounting product category");
  const productIds: Record<string, number> = {};
  for (const item of seed.items) {
    const template = await create(rpc, "product.template", {
      name: item.name,
      type: item.type ?? "goods",
      list_price: decimal(item.price),
      default_uom: unit,
      salable: true,
      sale_uom: unit,
      account_category: category,
      products: [["create", [{ suffix_code: item.code }]]],
    });
    const [product] = await searchRead(rpc, "product.product", [["template", "=", template]], ["id"]);
    productIds[item.code] = product!.id;
  }
  const [warehouse] = await searchRead(rpc, "stock.location", [["type", "=", "warehouse"]], ["id", "storage_location"], { limit: 1 });
  if (!warehouse) throw new Error("Tryton setup: no warehouse");
  const lines = seed.stock.filter((s) => s.quantity > 0).map((s) => ({ product: productIds[s.code], quantity: s.quantity }));
  if (lines.length) {
    const inventory = await create(rpc, "stock.inventory", {
      location: warehouse.storage_location,
      date: date(new Date()),
      lines: [["create", lines]],
    });
    await rpc.model("stock.inventory", "confirm", [[inventory]]);
  }
  return { productIds, warehouseId: warehouse.id };
}
