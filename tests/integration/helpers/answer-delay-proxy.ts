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

/** `holdIf` picks which requests (by body) have their answer held; the others pass at once. */
export async function startAnswerDelayProxy(target: string, delayMs: number, holdIf: (requestBody: string) => boolean = () => true): Promise<AnswerDelayProxy> {
  const upstream = new URL(target);
  let held = 0;
  const server = createServer((req, res) => {
    const body: Buffer[] = [];
    req.on("data", (c: Buffer) => body.push(c));
    req.on("end", () => {
      const payload = Buffer.concat(body);
      const delay = holdIf(payload.toString()) ? delayMs : 0;
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
            }, delay);
          });
        },
      );
      forward.on("error", () => res.destroy());
      forward.end(payload);
    });
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
