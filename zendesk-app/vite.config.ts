/**
 * Builds the ticket sidebar into zendesk-app/assets/, the folder Zendesk serves from its CDN:
 * index.html plus flat, relatively referenced files, and the logos copied from public/.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here("./src"),
  publicDir: here("./public"),
  // Zendesk serves the app from a CDN path we do not know: every reference must be relative.
  base: "./",
  logLevel: "warn",
  build: {
    outDir: here("./assets"),
    emptyOutDir: true,
    assetsDir: "",
    target: "es2020",
    modulePreload: false,
    reportCompressedSize: false,
  },
});
