/**
 * A loopback HTTP proxy that forwards each request at once and holds the answer back for a
 * while: the server has done the work, the client has not heard yet. Lets a test kill a worker
 * after the ERP committed a sales order and before the worker learnt of it.
 */
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";

export interface AnswerDelayProxy {
  url: string;
  /** Requests whose answer arrived from the target and is being held. */
  held(): number;
  close(): Promise<void>;
}

export async function startAnswerDelayProxy(target: string, delayMs: number): Promise<AnswerDelayProxy> {
  const upstream = new URL(target);
  let held = 0;
  const server = createServer((req, res) => {
    const forward = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (c: Buffer) => chunks.push(c));
        answer.on("end", () => {
          held += 1;
          setTimeout(() => {
            held -= 1;
            if (res.destroyed) return;
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(Buffer.concat(chunks));
          }, delayMs);
        });
      },
    );
    forward.on("error", () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held: () => held,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
