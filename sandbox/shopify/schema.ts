import { gunzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildClientSchema, type GraphQLSchema } from "graphql";

/** The only API version whose semantics the sandbox implements. */
export const ADMIN_API_VERSION = "2026-10";

const SCHEMA_FILE = fileURLToPath(new URL("./schema/admin_2026-10.json.gz", import.meta.url));

let cached: GraphQLSchema | undefined;

/** Shopify's real Admin API 2026-10 schema, built once per process (~0.3 s). */
export function adminSchema(): GraphQLSchema {
  if (!cached) {
    const introspection = JSON.parse(gunzipSync(readFileSync(SCHEMA_FILE)).toString("utf8"));
    cached = buildClientSchema(introspection.data);
  }
  return cached;
}
