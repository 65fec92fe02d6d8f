import { describe, expect, it } from "vitest";
import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from "graphql";
import { adminSchema } from "../schema";
import { requestedQueryCost } from "./cost";

function cost(doc: string, variables: Record<string, unknown> = {}): number {
  const document = parse(doc);
  const op = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return requestedQueryCost(adminSchema(), op, fragments, variables);
}

describe("requested query cost (Shopify's documented rules)", () => {
  it("charges 1 per object and 0 for scalars and enums", () => {
    expect(cost("{ shop { name currencyCode myshopifyDomain } }")).toBe(1);
    expect(cost("{ shop { name plan { shopifyPlus } } }")).toBe(2);
  });

  it("charges a connection 2 plus first x the cost of one node", () => {
    // 2 + 10 x (1 order + 2 + 5 x 1 line item)
    expect(cost("{ orders(first: 10) { edges { node { id lineItems(first: 5) { nodes { sku } } } } } }")).toBe(82);
  });

  it("uses last, and variables, for the page size", () => {
    expect(cost("query($n: Int) { products(last: $n) { nodes { id } } }", { n: 7 })).toBe(2 + 7);
  });

  it("counts fields reached through fragments, and the maximum over an interface's types", () => {
    const viaFragment = cost("{ order(id: \"gid://shopify/Order/1\") { ...F } } fragment F on Order { customer { id } }");
    expect(viaFragment).toBe(2);
    const node = cost('{ node(id: "gid://shopify/Order/1") { ... on Order { customer { id } billingAddress { id } } } }');
    expect(node).toBe(3);
  });

  it("charges 10 per mutation field, whatever it selects", () => {
    const doc = `mutation { inventorySetQuantities(input: {name: "available", reason: "correction", quantities: []}) {
      inventoryAdjustmentGroup { changes { item { id } } } userErrors { code } } }`;
    expect(cost(doc)).toBe(10);
  });

  it("skips fields excluded by @include(if: false)", () => {
    expect(cost("query($x: Boolean!) { shop { name } order(id: \"gid://shopify/Order/1\") @include(if: $x) { id } }", { x: false })).toBe(1);
  });
});
