import { describe, expect, it } from "vitest";
import { ITEM_CODES, shopOrder } from "../../test-fixtures";
import { toSalesOrderRequest } from "./sales-order-request";

describe("reference ERP sales order request: the merchant's code mappings", () => {
  const codes = { tax: { VAT: "TAX-STD-8" }, shipping: { Standard: "UPS-GROUND" }, payment: { shopify_payments: "STRIPE-JOURNAL" } };

  it("sends the ERP's codes for mapped tax titles, shipping methods and payment gateways", () => {
    const request = toSalesOrderRequest({ order: shopOrder(), itemCodes: ITEM_CODES, customerErpId: null, codes }, true);
    expect(request.shipping.map((s) => s.method)).toEqual(["UPS-GROUND"]);
    expect(request.payment?.gateway).toBe("STRIPE-JOURNAL");
    expect(request.lines[0]!.taxes).toEqual([{ title: "VAT", code: "TAX-STD-8", rate: "0.08", amount: "2.88" }]);
  });

  it("sends Shopify's names as they are where nothing is mapped", () => {
    const request = toSalesOrderRequest({ order: shopOrder(), itemCodes: ITEM_CODES, customerErpId: null, codes: { tax: {}, shipping: { Express: "DHL" }, payment: {} } }, true);
    expect(request.shipping.map((s) => s.method)).toEqual(["Standard"]);
    expect(request.payment?.gateway).toBe("shopify_payments");
    expect(request.lines[0]!.taxes[0]!.code).toBeNull();
  });

  it("maps a shipping line by its code when its title is not mapped", () => {
    const order = shopOrder();
    order.shippingLines[0] = { ...order.shippingLines[0]!, title: "Standard (3-5 days)", code: "STANDARD" };
    const request = toSalesOrderRequest({ order, itemCodes: ITEM_CODES, customerErpId: null, codes: { tax: {}, shipping: { STANDARD: "UPS-GROUND" }, payment: {} } }, true);
    expect(request.shipping[0]!.method).toBe("UPS-GROUND");
  });
});
