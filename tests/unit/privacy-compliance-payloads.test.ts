import { describe, expect, it } from "vitest";
import { complianceRequestFromWebhook } from "~/connectors/shopify/mappers/compliance-from-webhook";
import { AppError } from "~/errors";
import { sharedSample as sample } from "../fixtures/shopify/load";

describe("compliance webhook bodies (Shopify's documented samples)", () => {
  it("reads customers/data_request", () => {
    expect(complianceRequestFromWebhook("customers/data_request", sample("customers_data_request.shopify-docs-2026-04.json"))).toEqual({
      kind: "customer_data_request",
      dataRequestId: "9999",
      subject: { customerId: "191167", email: "john@example.com", phone: "555-625-1199" },
      orderIds: ["299938", "280263", "220458"],
    });
  });

  it("reads customers/redact", () => {
    expect(complianceRequestFromWebhook("customers/redact", sample("customers_redact.shopify-docs-2026-04.json"))).toEqual({
      kind: "customer_redact",
      subject: { customerId: "191167", email: "john@example.com", phone: "555-625-1199" },
      orderIds: ["299938", "280263", "220458"],
    });
  });

  it("reads shop/redact", () => {
    expect(complianceRequestFromWebhook("shop/redact", sample("shop_redact.shopify-docs-2026-04.json"))).toEqual({ kind: "shop_redact" });
  });

  it("keeps ids above 2^53 exact and takes a customer named by email alone", () => {
    const body = '{"shop_id":1,"shop_domain":"a.myshopify.com","customer":{"email":"x@example.com"},"orders_to_redact":[9007199254740993]}';
    expect(complianceRequestFromWebhook("customers/redact", body)).toEqual({
      kind: "customer_redact",
      subject: { customerId: null, email: "x@example.com", phone: null },
      orderIds: ["9007199254740993"],
    });
  });

  it("refuses a request that names nobody, as a validation error", () => {
    const error = (() => {
      try {
        complianceRequestFromWebhook("customers/redact", '{"customer":{"email":""},"orders_to_redact":[]}');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).errorClass).toBe("validation");
  });
});
