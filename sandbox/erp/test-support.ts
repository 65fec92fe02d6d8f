/** Helpers for the reference ERP's tests (and the connector's): an ERP on a manual clock and a JSON caller. */
import { manualClock, type ManualClock } from "./clock";
import { ManualScheduler } from "./scheduler";
import { startReferenceErp, type ReferenceErp, type ReferenceErpOptions } from "./server";

/** The API key test ERPs accept. */
export const TEST_API_KEY = "test-erp-key";

/** A started test ERP with its clock, scheduler and a caller. */
export interface TestErp {
  erp: ReferenceErp;
  clock: ManualClock;
  scheduler: ManualScheduler;
  /** Calls the ERP with the test key; returns status, headers and parsed body. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Starts a seeded ERP in memory on a free port, on a manual clock. */
export async function startTestErp(over: Partial<ReferenceErpOptions> = {}): Promise<TestErp> {
  const clock = manualClock();
  const scheduler = new ManualScheduler(clock);
  const erp = await startReferenceErp({ apiKey: TEST_API_KEY, clock, scheduler, seed: true, ...over });
  return {
    erp,
    clock,
    scheduler,
    async call(method, path, body, headers = {}) {
      const res = await fetch(`${erp.url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${TEST_API_KEY}`, "Content-Type": "application/json", ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
    },
  };
}

/** A minimal valid sales order body for the demo seed. */
export function salesOrderBody(reference: string, lines: { itemCode: string; quantity: number; unitPrice?: string }[]) {
  return {
    externalReference: reference,
    externalName: `#${reference}`,
    currency: "USD",
    lines: lines.map((l, i) => ({ lineReference: `L${i + 1}`, itemCode: l.itemCode, quantity: l.quantity, unitPrice: l.unitPrice ?? "10.00" })),
    shipping: [{ method: "Standard", amount: "5.00" }],
  };
}
