import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";

/** Shared by the benchmarks that need the real app: a free port, the server, its CPU time. */

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** Starts the production server (tsx wrapper → node) on `port` with a fresh database. */
export function startServer(
  port: number,
  database: string,
  extraEnv: Record<string, string> = {},
): ChildProcess {
  return spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "server/main.ts"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${database}`,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "error",
      ...extraEnv,
    },
  });
}

export async function waitForHealth(base: string) {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet: ask again
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not start within 120 s");
}

const TICKS_PER_SEC = 100; // USER_HZ on Linux

/** CPU seconds (user + system) used so far by a process and all its descendants (Linux /proc). */
export function treeCpuSeconds(rootPid: number): number {
  const children = new Map<number, number[]>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // fields from state (3rd) on
      const pid = Number(entry),
        ppid = Number(fields[1]);
      ticks.set(pid, Number(fields[11]) + Number(fields[12])); // utime, stime
      (children.get(ppid) ?? children.set(ppid, []).get(ppid)!).push(pid);
    } catch {
      // the process ended meanwhile
    }
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    total += ticks.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total / TICKS_PER_SEC;
}

/** The p-th percentile of an ascending list. */
export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Resident memory (bytes) of a process and its descendants (the tsx wrapper runs node as a child). */
export function treeRssBytes(root: number): number {
  const parent = new Map<number, number>();
  for (const entry of readdirSync("/proc"))
    if (/^\d+$/.test(entry))
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
      } catch {
        // ended meanwhile
      }
  const inTree = (pid: number): boolean => pid === root || (parent.has(pid) && inTree(parent.get(pid)!));
  let total = 0;
  for (const pid of parent.keys())
    if (inTree(pid))
      try {
        const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
        total += Number(kb ?? 0) * 1024;
      } catch {
        // ended meanwhile
      }
  return total;
}
