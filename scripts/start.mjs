// `npm start`: builds the app when the build is missing or older than the sources, then
// serves it with the custom server (Next + Socket.IO on one port).
import { spawnSync, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const SOURCES = ["app", "components", "lib", "server", "public", "next.config.ts", "package.json", "postcss.config.mjs", "tsconfig.json"];
const SKIP = new Set(["node_modules", ".next", "generated"]);

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const entry of readdirSync(path)) if (!SKIP.has(entry)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

const stamp = join(".next", "BUILD_ID");
const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
if (built < Math.max(...SOURCES.map(newest))) {
  console.log(built ? "Sources changed since the last build: building…" : "No build yet: building…");
  const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit", env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const server = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "server/main.ts"], { stdio: "inherit", env: { NODE_ENV: "production", ...env } });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
