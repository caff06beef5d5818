import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The abuse suite's server: the real custom server (production build) in a child process on a
 * free port with its own temporary SQLite database, so an attack that crashes or freezes it
 * shows as exactly that. Attacks talk to it over real sockets.
 */
export interface AbuseServer {
  base: string;
  port: number;
  pid: number;
  /** The folder holding its database (removed by stop). */
  dir: string;
  database: string;
  /** Everything it wrote to stderr so far. */
  stderr: () => string;
  /** Resident memory now, in MB (from /proc). */
  rssMb: () => number;
  /** True while the process runs. */
  alive: () => boolean;
  /** Its child processes whose command line contains `script` (from /proc). */
  children: (script: string) => number[];
  stop: () => Promise<void>;
}

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** Spawns the server with `env` on top of quiet production defaults; does not wait for it. */
export function spawnServer(port: number, database: string, env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: process.cwd(),
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${database}`,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "error",
      ...env,
    },
  });
}

/** Waits until the server at `base` answers /api/health; fails with its stderr if it exits first or takes over 60 s. */
export async function waitUntilServing(base: string, exited: () => boolean, stderr: () => string) {
  for (let i = 0; ; i++) {
    if (exited()) throw new Error(`the server exited at start:\n${stderr()}`);
    if (i > 600) throw new Error(`the server did not start within 60 s:\n${stderr()}`);
    try {
      if ((await fetch(`${base}/api/health`)).status < 600) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts a server and waits until /api/health answers. */
export async function startAbuseServer(env: Record<string, string> = {}): Promise<AbuseServer> {
  const dir = mkdtempSync(join(tmpdir(), "eventloom-abuse-"));
  const database = join(dir, "eventloom.db");
  const port = await freePort();
  const child = spawnServer(port, database, env);
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.resume();
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", () => {
      exited = true;
      resolve();
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  await waitUntilServing(
    base,
    () => exited,
    () => stderr,
  );
  return {
    base,
    port,
    pid: child.pid!,
    dir,
    database,
    stderr: () => stderr,
    rssMb: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    },
    alive: () => !exited,
    children: (script) =>
      readdirSync(`/proc/${child.pid}/task`)
        .flatMap((task) => readFileSync(`/proc/${child.pid}/task/${task}/children`, "utf8").split(" "))
        .filter((pid) => pid.trim() !== "")
        .map(Number)
        .filter((pid) => {
          try {
            return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(script);
          } catch {
            return false; // gone meanwhile
          }
        }),
    async stop() {
      if (!exited) {
        child.kill("SIGKILL");
        await exit;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
