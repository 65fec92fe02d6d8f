/**
 * For connector tests against a running sandbox Shopify: an Admin GraphQL client whose requests
 * to https://{shop}/admin/... reach the sandbox, with a token the sandbox issued.
 */
import { startTestSandbox, type TestSandbox } from "../../../../sandbox/shopify/test-support";
import { sandboxUrlFor } from "../sandbox-fetch.server";
import { createAdminGraphqlClient, type AdminGraphqlClient } from "./client.server";

export interface SandboxClient {
  test: TestSandbox;
  client: AdminGraphqlClient;
  close(): Promise<void>;
}

export async function sandboxClient(): Promise<SandboxClient> {
  const test = await startTestSandbox();
  const tokens = new Map<string, string>();
  const client = createAdminGraphqlClient({
    accessTokenFor: async (shop) => {
      if (!tokens.has(shop)) tokens.set(shop, test.sandbox.issueAccessToken(shop));
      return tokens.get(shop)!;
    },
    fetch: (input, init) => fetch(sandboxUrlFor(String(input), test.sandbox.url) ?? String(input), init),
    maxAttempts: 1,
  });
  return { test, client, close: () => test.sandbox.close() };
}
