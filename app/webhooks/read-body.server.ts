import { AppError } from "~/errors";

/** Largest webhook body accepted; orders with thousands of lines stay well below it. */
export const WEBHOOK_MAX_BYTES = Number(process.env.WEBHOOK_MAX_BYTES ?? 8 * 1024 * 1024);

export class BodyTooLargeError extends AppError {
  constructor(limit: number) {
    super("validation", `The body is larger than ${limit} bytes.`);
  }
}

/**
 * Reads a request body as text, refusing it as soon as it passes the limit, whether or not
 * Content-Length announced it, so an oversized body is never buffered whole.
 */
export async function readBodyWithLimit(request: Request, limit = WEBHOOK_MAX_BYTES): Promise<string> {
  const announced = Number(request.headers.get("content-length") ?? "0");
  if (announced > limit) throw new BodyTooLargeError(limit);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
