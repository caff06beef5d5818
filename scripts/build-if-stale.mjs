// Builds the Next app when .next is missing or older than any source file.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const SOURCES = [
  "app",
  "components",
  "lib",
  "server",
  "public",
  "next.config.js",
  "package.json",
  "postcss.config.mjs",
  "tsconfig.json",
  "instrumentation-client.ts",
];
const DIST = process.env.NEXT_DIST_DIR || ".next";
const SKIP = new Set(["node_modules", ".next", DIST, "generated"]);

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const entry of readdirSync(path))
    if (!SKIP.has(entry) && !entry.endsWith(".test.ts")) max = Math.max(max, newest(join(path, entry)));
  return max;
}

/** Runs `next build` if needed; exits the process when the build fails. */
export function buildIfStale() {
  const stamp = join(DIST, "BUILD_ID");
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  if (built >= Math.max(...SOURCES.map(newest))) return;
  console.log(built ? "Sources changed since the last build: building…" : "No build yet: building…");
  const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
