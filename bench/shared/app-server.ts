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

/** Each process's parent, and its stat fields from the state (3rd) on (Linux /proc). */
function processTable(): Map<number, { ppid: number; fields: string[] }> {
  const table = new Map<number, { ppid: number; fields: string[] }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      table.set(Number(entry), { ppid: Number(fields[1]), fields });
    } catch {
      // the process ended meanwhile
    }
  }
  return table;
}

/** A process and all its descendants (Linux /proc), the root first. */
export function processTree(root: number, table = processTable()): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of table) (children.get(ppid) ?? children.set(ppid, []).get(ppid)!).push(pid);
  const tree: number[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    tree.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** CPU seconds (user + system) used so far by a process and all its descendants (Linux /proc). */
export function treeCpuSeconds(rootPid: number): number {
  const table = processTable();
  let ticks = 0;
  for (const pid of processTree(rootPid, table)) {
    const fields = table.get(pid)?.fields;
    if (fields) ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
  }
  return ticks / TICKS_PER_SEC;
}

/** The p-th percentile of an ascending list. */
export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Resident memory (bytes) of a process and its descendants (the tsx wrapper runs node as a child). */
export function treeRssBytes(root: number): number {
  let total = 0;
  for (const pid of processTree(root))
    try {
      const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
      total += Number(kb ?? 0) * 1024;
    } catch {
      // ended meanwhile
    }
  return total;
}
