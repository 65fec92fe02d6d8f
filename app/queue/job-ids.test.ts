import { expect, it } from "vitest";
import { newJobId } from "./job-ids";

it("makes ids that sort in creation order, within a millisecond and when the clock steps back", () => {
  const ids = [newJobId(5_000), newJobId(5_000), newJobId(5_000), newJobId(4_000), newJobId(6_000)];
  expect([...ids].sort()).toEqual(ids);
  expect(new Set(ids).size).toBe(ids.length);
});
