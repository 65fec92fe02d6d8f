import { describe, expect, it } from "vitest";
import { paginate } from "./connection";
import { filterBySearch, parseSearchQuery } from "./search-query";

const items = [1, 2, 3, 4, 5].map((n) => ({ id: String(n), name: `#100${n}`, at: Date.parse(`2026-01-0${n}T00:00:00Z`) }));
const fields = {
  name: { kind: "string" as const, get: (i: (typeof items)[number]) => i.name },
  updated_at: { kind: "date" as const, get: (i: (typeof items)[number]) => i.at },
  id: { kind: "id" as const, get: (i: (typeof items)[number]) => i.id },
};

describe("search syntax", () => {
  it("parses comparisons, quotes, AND/OR and negation", () => {
    expect(parseSearchQuery(`updated_at:>'2026-01-01T00:00:00Z' AND -name:#1001 OR id:>=3`)).toEqual([
      [
        { field: "updated_at", op: ">", value: "2026-01-01T00:00:00Z", negate: false },
        { field: "name", op: ":", value: "#1001", negate: true },
      ],
      [{ field: "id", op: ">=", value: "3", negate: false }],
    ]);
  });

  it("filters dates strictly after, and by name", () => {
    expect(filterBySearch(items, "updated_at:>'2026-01-03T00:00:00Z'", fields).map((i) => i.id)).toEqual(["4", "5"]);
    expect(filterBySearch(items, "updated_at:>=2026-01-03T00:00:00Z", fields).map((i) => i.id)).toEqual(["3", "4", "5"]);
    expect(filterBySearch(items, "name:#1002", fields).map((i) => i.id)).toEqual(["2"]);
  });
});

describe("quoted values with escapes", () => {
  it("keeps an escaped quote inside the value, so the rest cannot become another term", () => {
    const query = String.raw`name:"#1001\" OR name:*" OR name:'#1003'`;
    expect(parseSearchQuery(query)).toEqual([
      [{ field: "name", op: ":", value: '#1001" OR name:*', negate: false }],
      [{ field: "name", op: ":", value: "#1003", negate: false }],
    ]);
    expect(filterBySearch(items, query, fields).map((i) => i.id)).toEqual(["3"]);
    expect(parseSearchQuery(String.raw`name:"a\\b"`)[0][0].value).toBe(String.raw`a\b`);
  });
});

describe("Relay pagination", () => {
  const key = (i: (typeof items)[number]) => i.id;

  it("walks forward with first/after and backward with last/before", () => {
    const p1 = paginate(items, { first: 2 }, key);
    expect(p1.nodes.map(key)).toEqual(["1", "2"]);
    expect(p1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const p2 = paginate(items, { first: 2, after: p1.pageInfo.endCursor }, key);
    expect(p2.nodes.map(key)).toEqual(["3", "4"]);
    const back = paginate(items, { last: 2, before: p2.pageInfo.startCursor }, key);
    expect(back.nodes.map(key)).toEqual(["1", "2"]);
    expect(paginate(items, { first: 2, reverse: true }, key).nodes.map(key)).toEqual(["5", "4"]);
  });

  it("requires first or last, at most 250, and a known cursor", () => {
    expect(() => paginate(items, {}, key)).toThrow(/first or last/);
    expect(() => paginate(items, { first: 251 }, key)).toThrow(/250/);
    expect(() => paginate(items, { first: 1, after: "bogus" }, key)).toThrow(/Invalid cursor/);
  });
});
