/**
 * tsx sandbox/erp/main.ts: the reference ERP alone. Env: REFERENCE_ERP_PORT (default 3500),
 * REFERENCE_ERP_API_KEY (required), REFERENCE_ERP_DB (default ./reference-erp.sqlite),
 * REFERENCE_ERP_CALLBACK_URL, REFERENCE_ERP_CALLBACK_SECRET (required with a callback URL),
 * REFERENCE_ERP_SEED=1 to load the demo warehouses and items, REFERENCE_ERP_TIME_SCALE
 * (e.g. 0.01 to compress callback retries).
 */
import { startReferenceErp } from "./server";

function env(name: string, fallback?: string): string {
  const value = process.env[name] || fallback;
  if (value === undefined) {
    console.error(`${name} is not set`);
    process.exit(1);
  }
  return value;
}

const callbackUrl = process.env.REFERENCE_ERP_CALLBACK_URL || null;
const erp = await startReferenceErp({
  port: Number(env("REFERENCE_ERP_PORT", "3500")),
  apiKey: env("REFERENCE_ERP_API_KEY"),
  dbPath: env("REFERENCE_ERP_DB", "reference-erp.sqlite"),
  callbackUrl,
  callbackSecret: callbackUrl ? env("REFERENCE_ERP_CALLBACK_SECRET") : undefined,
  seed: process.env.REFERENCE_ERP_SEED === "1",
  timeScale: Number(env("REFERENCE_ERP_TIME_SCALE", "1")),
});
console.log(`reference ERP listening on ${erp.url} (API: ${erp.url}/api/v1, simulation: ${erp.url}/_admin)`);

const stop = () => void erp.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
