/**
 * Every Admin GraphQL document in app/ (template literals starting with `#graphql`) must be valid
 * against Shopify's real 2026-10 schema. Documents built with `${fragment}` interpolation are
 * checked as the module exports them; plain literals are checked straight from the source.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { Kind, parse, validate, type DocumentNode } from "graphql";
import { describe, expect, it } from "vitest";
import { adminSchema } from "../../sandbox/shopify/schema";

const ROOT = join(import.meta.dirname, "../..");
const APP = join(ROOT, "app");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

interface FoundDocument {
  where: string;
  text: string;
}

/** Template literals whose text starts with #graphql; `interpolated` when they contain ${...}. */
function literals(source: string): { text: string; interpolated: boolean }[] {
  return [...source.matchAll(/`(\s*#graphql[\s\S]*?)`/g)].map((m) => ({ text: m[1], interpolated: m[1].includes("${") }));
}

const hasOperation = (doc: DocumentNode) => doc.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION);

async function findDocuments(): Promise<FoundDocument[]> {
  const found: FoundDocument[] = [];
  for (const file of sourceFiles(APP)) {
    const source = readFileSync(file, "utf8");
    const lits = literals(source);
    if (lits.length === 0) continue;
    const where = relative(ROOT, file);
    for (const lit of lits.filter((l) => !l.interpolated)) found.push({ where, text: lit.text });
    if (lits.some((l) => l.interpolated)) {
      // Interpolated documents only exist at run time: take what the module exports.
      const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        if (typeof value === "string" && value.trimStart().startsWith("#graphql")) found.push({ where: `${where} (${name})`, text: value });
      }
    }
  }
  return found;
}

/** Validation errors of one document; fragment-only literals are checked once used by an operation. */
export function documentErrors(text: string): string[] {
  let doc: DocumentNode;
  try {
    doc = parse(text);
  } catch (e) {
    return [(e as Error).message];
  }
  if (!hasOperation(doc)) return [];
  return validate(adminSchema(), doc).map((e) => e.message);
}

describe("GraphQL documents in app/", () => {
  it("are valid against the Admin API 2026-10 schema", async () => {
    const docs = await findDocuments();
    const appHasGraphql = sourceFiles(APP).some((f) => readFileSync(f, "utf8").includes("#graphql"));
    if (appHasGraphql) expect(docs.filter((d) => hasOperation(parse(d.text))).length, "documents with an operation found").toBeGreaterThan(0);
    const failures = docs.flatMap((d) => documentErrors(d.text).map((e) => `${d.where}: ${e}`));
    expect(failures).toEqual([]);
  });

  it("the check rejects a document real Shopify rejects (compareQuantity was removed)", () => {
    const errors = documentErrors(`#graphql
      mutation { inventorySetQuantities(input: { name: "available", reason: "correction", quantities: [
        { inventoryItemId: "gid://shopify/InventoryItem/1", locationId: "gid://shopify/Location/1", quantity: 1, compareQuantity: 0 }
      ] }) { userErrors { code } } }`);
    expect(errors.join("\n")).toMatch(/compareQuantity/);
  });

  it("the scan finds #graphql literals, plain and interpolated", () => {
    const found = literals("const A = `#graphql\n query { shop { name } }`; const B = `#graphql ${'$'}{X} query Q { shop { id } }`;");
    expect(found.map((f) => f.interpolated)).toEqual([false, true]);
  });
});
