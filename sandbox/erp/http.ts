import type { IncomingMessage, ServerResponse } from "node:http";
import { ErpApiError } from "./errors";

const MAX_BODY_BYTES = 1024 * 1024;

/** The raw request body as text; above 1 MiB is a 413. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ErpApiError(413, "body_too_large", "request body is larger than 1 MiB");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The body as JSON; empty is undefined, anything unparsable a 400. */
export function parseJson(raw: string): unknown {
  if (!raw.trim()) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new ErpApiError(400, "invalid_json", "request body is not valid JSON");
  }
}

/** Writes a JSON answer. */
export function sendJson(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

/** Writes an error answer in the ERP's `{error: {...}}` shape. */
export function sendError(res: ServerResponse, error: ErpApiError): void {
  sendJson(res, error.status, JSON.stringify(error.toBody()), error.headers);
}
