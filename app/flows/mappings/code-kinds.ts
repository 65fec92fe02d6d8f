/** The kinds of code mappings and how the pages name them (shared with the browser). */
export const CODE_KINDS = ["tax", "shipping", "payment"] as const;
export type CodeKind = (typeof CODE_KINDS)[number];

export const isCodeKind = (value: unknown): value is CodeKind => CODE_KINDS.includes(value as CodeKind);

export const CODE_KIND_TEXT: Record<CodeKind, { title: string; singular: string; shopifyLabel: string; shopifyHelp: string; erpLabel: string; erpHelp: string }> = {
  tax: {
    title: "Tax codes",
    singular: "Tax code",
    shopifyLabel: "Shopify tax title",
    shopifyHelp: 'The tax line title on Shopify orders, e.g. "VAT 20%"',
    erpLabel: "ERP tax code",
    erpHelp: "The tax code the ERP books this tax under",
  },
  shipping: {
    title: "Shipping methods",
    singular: "Shipping method",
    shopifyLabel: "Shopify shipping method",
    shopifyHelp: 'The shipping line title on Shopify orders, e.g. "Standard"',
    erpLabel: "ERP shipping method",
    erpHelp: "The carrier or shipping method code in the ERP",
  },
  payment: {
    title: "Payment gateways",
    singular: "Payment gateway",
    shopifyLabel: "Shopify payment gateway",
    shopifyHelp: 'The gateway name on Shopify orders, e.g. "shopify_payments" or "manual"',
    erpLabel: "ERP payment method",
    erpHelp: "The payment method or journal code in the ERP",
  },
};
