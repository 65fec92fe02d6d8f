import { describe, expect, it } from "vitest";
import { findOrderReference } from "./order-reference";

describe("findOrderReference", () => {
  it.each([
    ["Where is my order #1001?", "#1001"],
    ["order 1001 arrived broken", "#1001"],
    ["Re: Order no. 1002", "#1002"],
    ["about ORDER NUMBER #1003", "#1003"],
    ["order: 1004", "#1004"],
    ["<p>my order <b>1005</b></p>", "#1005"],
  ])("reads %j as %s", (text, expected) => {
    expect(findOrderReference([text])).toBe(expected);
  });

  it("ignores numbers that are not orders", () => {
    expect(findOrderReference(["I ordered 2 mugs on 12 May, call me at 5551234"])).toBeNull();
    expect(findOrderReference(["#12 is too short to be an order"])).toBeNull();
  });

  it("prefers the subject, then the description, then comments", () => {
    expect(findOrderReference([null, "order 2001", "order 3001"])).toBe("#2001");
    expect(findOrderReference(["no number here", undefined, "order #3001"])).toBe("#3001");
  });
});
