import { gunzipSync } from "node:zlib"; import { readFileSync } from "node:fs";
import { buildClientSchema } from "graphql";
const s = buildClientSchema(JSON.parse(gunzipSync(readFileSync("sandbox/shopify/schema/admin_2026-10.json.gz"))).data);
const filter = process.env.F ? new RegExp(process.env.F) : null;
for (const n of process.argv.slice(2)) { const t = s.getType(n); const f = t.getFields ? t.getFields() : {};
 console.log(`== ${n} ${t.getInterfaces ? t.getInterfaces().map(i=>i.name).join(","): ""}: ` + Object.values(f).filter(x=>!x.deprecationReason && (!filter||filter.test(x.name))).map(x=>`${x.name}${x.args?.length?"("+x.args.map(a=>a.name).join(",")+")":""}:${x.type}`).join("  ")); }
