import { existsSync } from "node:fs";
import { E2E } from "./stack-config";

/** Fails loudly, never skips, when the browser the e2e tests need is missing. */
export default function globalSetup() {
  if (!existsSync(E2E.chromium)) {
    throw new Error(
      `Chromium not found at ${E2E.chromium}. Install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  if (!existsSync("build/server/index.js")) {
    throw new Error("The app is not built: run `npm run build` before the e2e tests (npm test does it).");
  }
}
