import { expect, it } from "vitest";
import { Semaphore } from "./semaphore";

it("admits up to the limit, hands released slots to waiters in order, and drops aborted waiters", async () => {
  const slots = new Semaphore(1);
  expect(await slots.acquire()).toBe(true);
  const order: string[] = [];
  const gone = new AbortController();
  const a = slots.acquire().then((ok) => order.push(`a:${ok}`));
  const b = slots.acquire(gone.signal).then((ok) => order.push(`b:${ok}`));
  const c = slots.acquire().then((ok) => order.push(`c:${ok}`));
  gone.abort();
  slots.release();
  await Promise.all([a, b]);
  slots.release();
  await c;
  expect(order).toEqual(["b:false", "a:true", "c:true"]);
  expect(slots.inUse).toBe(1);
});
