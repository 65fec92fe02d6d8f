import { gunzipSync } from "node:zlib"; import { readFileSync } from "node:fs";
import { buildClientSchema, printType } from "graphql";
const s = buildClientSchema(JSON.parse(gunzipSync(readFileSync("sandbox/shopify/schema/admin_2026-10.json.gz"))).data);
for (const n of process.argv.slice(2)) { const t = s.getType(n); if (!t) { const [tn, f] = n.split("."); const fd = s.getType(tn)?.getFields?.()[f]; console.log(n, fd ? `${fd.args.map(a=>a.name+":"+a.type).join(", ")} -> ${fd.type}` : "??"); continue; }
 console.log(printType(t).replace(/"""[\s\S]*?"""\n/g, "").replace(/^\s*"[^\n]*"\n/gm,"")); }
