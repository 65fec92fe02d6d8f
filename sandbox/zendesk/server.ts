/** startZendeskSandbox: a minimal Zendesk Support API on 127.0.0.1, in memory, for tests and the demo. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { handleApi } from "./api";
import { handleControl, ticketsWithComments, type TicketWithComments } from "./control-api";
import { readJson, sendJson } from "./http";
import { DEFAULT_SEED, ZendeskStore, type Group, type SandboxSeed } from "./store";
import { ZendeskSwitchBoard, type ZendeskSwitches } from "./switches";

export interface ZendeskSandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Agents and groups to start with; default DEFAULT_SEED (one agent, groups Support and Operations). */
  seed?: SandboxSeed;
  now?: () => Date;
}

/** The same powers as /_sandbox, for code that started the stand-in itself. */
export interface ZendeskSandboxAdmin {
  tickets(): TicketWithComments[];
  groups(): Group[];
  addGroup(name: string): Group;
  setSwitches(partial: Partial<ZendeskSwitches>): ZendeskSwitches;
  reset(): void;
}

export interface ZendeskSandbox {
  url: string;
  port: number;
  admin: ZendeskSandboxAdmin;
  close(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startZendeskSandbox(options: ZendeskSandboxOptions = {}): Promise<ZendeskSandbox> {
  let url = "";
  const store = new ZendeskStore(() => url, options.now);
  store.seed(options.seed ?? DEFAULT_SEED);
  const switches = new ZendeskSwitchBoard();
  const server = createServer((req, res) => {
    const requestUrl = new URL(req.url ?? "/", "http://127.0.0.1");
    readJson(req)
      .then((body) => {
        if (requestUrl.pathname.startsWith("/_sandbox/")) return handleControl(res, req.method ?? "GET", requestUrl.pathname, body, { store, switches });
        if (requestUrl.pathname.startsWith("/api/v2/")) return handleApi(req, res, requestUrl, body, { store, switches });
        sendJson(res, 404, { error: "InvalidEndpoint", description: "Not found" });
      })
      .catch((error: unknown) => {
        if (error instanceof SyntaxError) return sendJson(res, 400, { error: "Unprocessable Entity", description: "Server could not parse JSON" });
        sendJson(res, 500, { error: "InternalError", description: String(error) });
      });
  });
  const port = await listen(server, options.port ?? 0);
  url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    admin: {
      tickets: () => ticketsWithComments(store),
      groups: () => [...store.groups],
      addGroup: (name) => store.addGroup(name),
      setSwitches: (partial) => switches.set(partial),
      reset: () => {
        store.clear();
        switches.set({ failNext: null, dropCreateAnswers: 0 });
      },
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
