/**
 * Every child process the chaos suite starts (web, workers, Redis), so all of them are ended by
 * PID on exit, failure or Ctrl-C.
 */
import type { ChildProcess } from "node:child_process";

const children = new Set<ChildProcess>();

export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

/** SIGKILLs every child still running (synchronous, so it also works from an exit handler). */
export function killAll(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
  children.clear();
}

let hooked = false;
/** Kills the children when this process exits or is interrupted. */
export function killChildrenOnExit(): void {
  if (hooked) return;
  hooked = true;
  process.once("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(130);
    });
  }
}

/**
 * Node arguments for the web and worker processes: with CHAOS_CPU_PROF_DIR set, each writes a
 * CPU profile there when it exits normally (not when SIGKILLed), to see where the time goes.
 */
export function nodeArgs(entry: string): string[] {
  const dir = process.env.CHAOS_CPU_PROF_DIR;
  return dir ? ["--cpu-prof", "--cpu-prof-dir", dir, entry] : [entry];
}
