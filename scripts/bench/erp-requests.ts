import { Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Counts the requests the reference ERP (in this process) answers, by status, by listening to
 * its HTTP server's "request" events: no proxy hop in the measured path.
 */
export function countErpRequests(erpPort: number) {
  const original = Server.prototype.emit;
  const counts = { requests: 0, byStatus: {} as Record<string, number> };
  Server.prototype.emit = function (this: Server, event: string, ...args: unknown[]) {
    if (event === "request" && (this.address() as AddressInfo | null)?.port === erpPort) {
      counts.requests += 1;
      const res = args[1] as ServerResponse;
      res.once("close", () => {
        const status = res.writableFinished ? String(res.statusCode) : "dropped";
        counts.byStatus[status] = (counts.byStatus[status] ?? 0) + 1;
      });
    }
    return (original as (event: string, ...args: unknown[]) => boolean).call(this, event, ...args);
  } as typeof original;
  return { counts, restore: () => (Server.prototype.emit = original) };
}
