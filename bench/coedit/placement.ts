// Where bench:coedit's processes run while it measures. In use, each watching browser runs on
// its own person's machine; here they share the machine with the server. Two placements, side by
// side in one run:
// - `shared`: every process on every core, as the kernel likes. The browsers (each takes most of
//   a core to draw a 500-node flow changing 100 times a second) compete with the server for CPU.
// - `apart`: the server and the editors on CPU 0, every Chromium process on CPU 1: two machines
//   modelled on one. It needs two cores and `taskset` (Linux).
import { spawnSync } from "node:child_process";
import { cpus } from "node:os";
import { processTree } from "../shared/app-server";

export type Placement = "shared" | "apart";

/** The machine's cores (all of them: `availableParallelism` counts only those this process may use). */
export const CORES = cpus().length;

/** Why `apart` cannot be measured here, or null when it can. */
export function apartUnavailable(): string | null {
  if (CORES < 2) return "the machine has one core";
  if (spawnSync("taskset", ["-V"], { stdio: "ignore" }).status !== 0) return "taskset is missing";
  return null;
}

/**
 * Moves every thread of this process's tree where `placement` puts it: the server's tree and this
 * process (the editors) on CPU 0 and the rest (Chromium) on CPU 1, or all of them on every core.
 */
export function place(placement: Placement, serverPid: number) {
  const server = new Set(processTree(serverPid));
  const everyCore = `0-${CORES - 1}`;
  for (const pid of processTree(process.pid)) {
    const editorsOrServer = pid === process.pid || server.has(pid);
    const cpuList = placement === "shared" ? everyCore : editorsOrServer ? "0" : "1";
    const moved = spawnSync("taskset", ["-a", "-p", "-c", cpuList, String(pid)], { stdio: "ignore" });
    // A process that ended meanwhile (a helper of Chromium's) cannot be moved, and need not be.
    if (moved.status !== 0 && editorsOrServer) throw new Error(`taskset could not move process ${pid}`);
  }
}
