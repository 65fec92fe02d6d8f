import fs from "node:fs"; import zlib from "node:zlib";
import { buildClientSchema, isObjectType, isInterfaceType, getNamedType } from "graphql";
const schema = buildClientSchema(JSON.parse(zlib.gunzipSync(fs.readFileSync("sandbox/shopify/schema/admin_2026-10.json.gz"))).data);
for (const name of process.argv.slice(2)) {
  const t = schema.getType(name);
  if (!t) { console.log("NO TYPE", name); continue; }
  console.log("=== " + name + " (" + t.constructor.name + ")");
  if (t.getFields) for (const f of Object.values(t.getFields())) console.log("  " + f.name + (f.args?.length ? "(" + f.args.map(a=>a.name+":"+a.type).join(",") + ")" : "") + ": " + f.type + (f.deprecationReason ? "  [DEPRECATED]" : ""));
  else if (t.getValues) console.log("  " + t.getValues().map(v=>v.name).join(" "));
  else if (t.getTypes) console.log("  " + t.getTypes().map(v=>v.name).join(" "));
}
