/**
 * One directory per integration run for the Tryton snapshot: the first test file that needs
 * Tryton builds it (tests/integration/helpers/tryton.ts); files that do not need it pay nothing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    trytonRunDir: string;
  }
}

export default function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "erp-bridge-tryton-"));
  project.provide("trytonRunDir", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
