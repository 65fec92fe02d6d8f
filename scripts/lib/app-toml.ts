/** Reads the access scopes declared in shopify.app.toml, so the app asks for what it declares. */
import { readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

export function declaredScopes(file = path.join(ROOT, "shopify.app.toml")): string {
  const match = readFileSync(file, "utf8").match(/^\s*scopes\s*=\s*"([^"]*)"/m);
  if (!match) throw new Error(`${file} declares no [access_scopes] scopes`);
  return match[1];
}
