/**
 * A closed-loop HTTP load generator for benchmarks on loopback: `connections` workers each
 * send a request and wait for the answer, for `durationMs`. Bounded in time and count.
 */
import { Agent, request } from "undici";

export interface LoadResult {
  requests: number;
  errors: number;
  statuses: Record<number, number>;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
}

export async function runLoad(options: {
  url: string;
  connections: number;
  durationMs: number;
  maxRequests?: number;
  makeRequest: (i: number) => { headers: Record<string, string>; body: string };
}): Promise<LoadResult> {
  const target = new URL(options.url);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(target.hostname)) throw new Error("load tests target loopback only");
  const dispatcher = new Agent({ connections: options.connections, pipelining: 1 });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  let sent = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const max = options.maxRequests ?? Number.MAX_SAFE_INTEGER;

  async function worker() {
    while (performance.now() < deadline && sent < max) {
      const i = sent++;
      const { headers, body } = options.makeRequest(i);
      const t0 = performance.now();
      try {
        const res = await request(options.url, { method: "POST", headers, body, dispatcher });
        await res.body.dump();
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        if (res.statusCode >= 300) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: options.connections }, worker));
  const seconds = (performance.now() - started) / 1000;
  await dispatcher.close();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return { requests: latencies.length, errors, statuses, seconds, rps: latencies.length / seconds, p50: pct(50), p99: pct(99) };
}
