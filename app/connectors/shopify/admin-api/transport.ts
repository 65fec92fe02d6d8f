import type { AbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { AppError } from "~/errors";
import { httpStatusError } from "./http-errors";

/** One POST to a shop's Admin GraphQL endpoint. */
export interface GraphqlPost {
  fetch: AbstractFetchFunc;
  shop: string;
  apiVersion: string;
  accessToken: string;
  body: { query: string; variables?: Record<string, unknown>; operationName?: string };
  timeoutMs: number;
}

/**
 * Sends the request and returns the parsed 200 body; every other outcome is an AppError. The
 * timeout covers reading the body too (a stalled stream is as bad as no answer).
 */
export async function postGraphql(post: GraphqlPost): Promise<unknown> {
  const url = `https://${post.shop}/admin/api/${post.apiVersion}/graphql.json`;
  const signal = AbortSignal.timeout(post.timeoutMs);
  try {
    const response = await post.fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-Shopify-Access-Token": post.accessToken },
      body: JSON.stringify(post.body),
      signal,
    });
    const text = await response.text();
    const body = parseJson(text);
    if (response.status !== 200) throw httpStatusError(response.status, response.headers, body);
    if (body === undefined) {
      throw new AppError("transient", "Shopify answered 200 with a body that is not JSON", { details: { start: text.slice(0, 200) } });
    }
    return body;
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (signal.aborted) {
      throw new AppError("transient", `Shopify did not answer within ${post.timeoutMs} ms`, { cause: error, details: { shop: post.shop } });
    }
    const message = error instanceof Error ? error.message : String(error);
    throw new AppError("transient", `could not reach Shopify: ${message}`, { cause: error, details: { shop: post.shop } });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
