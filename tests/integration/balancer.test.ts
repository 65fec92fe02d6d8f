/**
 * The local round-robin balancer (scripts/lib/balancer.ts) over real sockets on loopback:
 * rotation, forwarded headers, failover from a backend that refuses connections (and its
 * return), no second attempt once a request went out, and bodies streamed both ways.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { parseBalancerArgs, startBalancer, type Balancer } from "../../scripts/lib/balancer";
import { until } from "./helpers/until";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function backend(handler: Handler, port = 0): Promise<{ port: number; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  open.push({
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return { port: (server.address() as AddressInfo).port, server };
}

/** A loopback port nothing listens on (any more). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function balancer(backends: number[], reviveAfterMs = 2_000): Promise<Balancer> {
  const b = await startBalancer({ port: 0, backends: backends.map((p) => `127.0.0.1:${p}`), reviveAfterMs });
  open.push(b);
  return b;
}

const named = (name: string): Handler => (req, res) => {
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (chunk: string) => (body += chunk));
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ name, body, host: req.headers.host, xff: req.headers["x-forwarded-for"], proto: req.headers["x-forwarded-proto"] }));
  });
};

describe("balancer", () => {
  it("sends requests to each backend in turn with the forwarded headers", async () => {
    const a = await backend(named("a"));
    const b = await backend(named("b"));
    const lb = await balancer([a.port, b.port]);

    const answers = [];
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${lb.url}/webhooks/orders`, { method: "POST", body: `order ${i}`, headers: { "X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https" } });
      expect(res.status).toBe(200);
      answers.push((await res.json()) as { name: string; body: string; host: string; xff: string; proto: string });
    }

    expect(answers.map((a) => a.name)).toEqual(["a", "b", "a", "b", "a", "b"]);
    expect(answers.map((a) => a.body)).toEqual(["order 0", "order 1", "order 2", "order 3", "order 4", "order 5"]);
    // The client's own chain is kept and this hop appended; the scheme is what the balancer speaks.
    expect(answers[0].xff).toBe("203.0.113.9, 127.0.0.1");
    expect(answers[0].proto).toBe("http");
    expect(answers[0].host).toBe(new URL(lb.url).host);
    expect(lb.backends().map((s) => s.served)).toEqual([3, 3]);
  });

  it("takes a backend that refuses connections out of the rotation, retries on another, and takes it back when it listens again", async () => {
    const a = await backend(named("a"));
    const deadPort = await closedPort();
    const lb = await balancer([deadPort, a.port], 300);

    const bodies = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${lb.url}/x`, { method: "POST", body: `payload ${i}` });
      expect(res.status).toBe(200);
      bodies.push((await res.json()) as { name: string; body: string });
    }
    // Every request arrived whole at the live backend, the first one after a refused connection.
    expect(bodies).toEqual([0, 1, 2, 3].map((i) => expect.objectContaining({ name: "a", body: `payload ${i}` })));
    expect(lb.backends()).toEqual([
      { backend: `127.0.0.1:${deadPort}`, alive: false, served: 0 },
      { backend: `127.0.0.1:${a.port}`, alive: true, served: 4 },
    ]);

    await backend(named("revived"), deadPort);
    const names = await until(
      "the revived backend to get requests again",
      async () => {
        const seen = new Set<string>();
        for (let i = 0; i < 2; i++) seen.add(((await (await fetch(`${lb.url}/y`)).json()) as { name: string }).name);
        return seen.has("revived") ? seen : null;
      },
      5_000,
      100,
    );
    expect([...names].sort()).toEqual(["a", "revived"]);
  });

  it("answers 502 when every backend refuses", async () => {
    const lb = await balancer([await closedPort(), await closedPort()]);
    const res = await fetch(`${lb.url}/healthz`);
    expect(res.status).toBe(502);
  });

  it("does not send a request a second time once a backend received it", async () => {
    let received = 0;
    const drops = await backend((req) => {
      received += 1;
      req.resume();
      req.on("end", () => req.socket.destroy());
    });
    const other = await backend(named("other"));
    const lb = await balancer([drops.port, other.port]);

    const res = await fetch(`${lb.url}/webhooks/orders`, { method: "POST", body: "once" });
    expect(res.status).toBe(502);
    expect(received).toBe(1);
    expect(lb.backends()[1].served).toBe(0);
  });

  it("streams the request body to the backend and the answer back before either ends", async () => {
    let firstChunkAtBackend: (chunk: string) => void;
    const backendGotChunk = new Promise<string>((resolve) => (firstChunkAtBackend = resolve));
    let finishAnswer!: () => void;
    const answerMayEnd = new Promise<void>((resolve) => (finishAnswer = resolve));
    const upstream = await backend((req, res) => {
      let body = "";
      req.setEncoding("utf8");
      req.once("data", (chunk: string) => firstChunkAtBackend(chunk));
      req.on("data", (chunk: string) => (body += chunk));
      req.on("end", () => {
        res.writeHead(200, { "content-type": "text/plain" });
        res.write(`got ${body.length} bytes;`);
        void answerMayEnd.then(() => res.end("done"));
      });
    });
    const lb = await balancer([upstream.port]);

    const { port } = new URL(lb.url);
    const clientReq = request({ host: "127.0.0.1", port, method: "POST", path: "/stream", headers: { "transfer-encoding": "chunked" } });
    const answer = new Promise<IncomingMessage>((resolve, reject) => {
      clientReq.once("response", resolve);
      clientReq.once("error", reject);
    });
    clientReq.write("first-part;");
    // The backend sees the first part while the client has not finished sending.
    expect(await backendGotChunk).toBe("first-part;");
    clientReq.end("second-part");

    const res = await answer;
    res.setEncoding("utf8");
    const firstAnswerChunk = await new Promise<string>((resolve) => res.once("data", resolve));
    // The first part of the answer arrives while the backend still holds the response open.
    expect(firstAnswerChunk).toBe("got 22 bytes;");
    let rest = "";
    res.on("data", (chunk: string) => (rest += chunk));
    const ended = new Promise<void>((resolve) => res.once("end", resolve));
    finishAnswer();
    await ended;
    expect(rest).toBe("done");
  });

  it("reads its command line", () => {
    expect(parseBalancerArgs(["--port", "8080", "--backend", "127.0.0.1:3001", "--backend", "127.0.0.1:3002"])).toEqual({
      port: 8080,
      backends: ["127.0.0.1:3001", "127.0.0.1:3002"],
    });
    expect(() => parseBalancerArgs(["--backends", "x"])).toThrow(/unknown argument --backends/);
  });
});
