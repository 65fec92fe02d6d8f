import { describe, expect, it } from "vitest";
import { ORDER_LINE_ITEMS_PAGE_QUERY, ORDER_QUERY } from "../queries/order";
import { operationName } from "./operation-name";

describe("operationName", () => {
  it("finds the operation after a #graphql comment and before the fragments", () => {
    expect(operationName(ORDER_QUERY).name).toBe("OrderForErp");
    expect(operationName(ORDER_LINE_ITEMS_PAGE_QUERY).name).toBe("OrderLinesPage");
    expect(operationName("mutation SetStock($input: X!) { a }").name).toBe("SetStock");
  });

  it("keys an unnamed document by its text", () => {
    expect(operationName("{ shop { name } }")).toEqual({ name: undefined, key: "{ shop { name } }" });
  });
});
