/**
 * Job ids that sort by creation time: "j" + base36 milliseconds + a per-process counter +
 * randomness. Ordered jobs run oldest id first, so within one process enqueue order is exact
 * and across processes it is accurate to the millisecond.
 */
import { randomBytes } from "node:crypto";

let lastMs = 0;
let counter = 0;

/** A new job id, greater than every id this process made before. */
export function newJobId(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  } else {
    counter += 1; // same millisecond, or the clock stepped back: keep increasing
  }
  return `j${lastMs.toString(36).padStart(9, "0")}${counter.toString(36).padStart(4, "0")}${randomBytes(5).toString("hex")}`;
}
