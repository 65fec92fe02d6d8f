/**
 * The worker (scripts/worker.ts) and the web process (web.ts) bundled once per run into
 * .data/chaos/: a replacement process then starts in about a second of CPU instead of two to
 * three under tsx, which matters when a worker is killed every few seconds on two cores. Same
 * code; only the npm packages stay outside the bundle. The files stay under the repository so
 * node_modules and prisma/generated are found from them as from the sources.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const BUNDLE_DIR = path.join(ROOT, ".data/chaos");

let built: Promise<{ worker: string; web: string }> | null = null;

export function bundleEntryPoints(): Promise<{ worker: string; web: string }> {
  built ??= (async () => {
    mkdirSync(BUNDLE_DIR, { recursive: true });
    const worker = path.join(BUNDLE_DIR, "worker.mjs");
    const web = path.join(BUNDLE_DIR, "web.mjs");
    const common = { bundle: true, platform: "node", format: "esm", packages: "external", alias: { "~": path.join(ROOT, "app") }, logLevel: "warning" } as const;
    await build({ ...common, entryPoints: [path.join(ROOT, "scripts/worker.ts")], outfile: worker });
    await build({ ...common, entryPoints: [path.join(ROOT, "scripts/chaos/web.ts")], outfile: web });
    return { worker, web };
  })();
  return built;
}
