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

function newest(path, skip) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const entry of readdirSync(path))
    if (!skip.has(entry) && !entry.endsWith(".test.ts")) max = Math.max(max, newest(join(path, entry), skip));
  return max;
}

/** Runs `next build` if needed; exits the process when the build fails. */
export function buildIfStale() {
  // Read at the call, not at import: a caller may choose its build folder first (bench:weight's maps).
  const dist = process.env.NEXT_DIST_DIR || ".next";
  const skip = new Set(["node_modules", ".next", dist, "generated"]);
  const stamp = join(dist, "BUILD_ID");
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  if (built >= Math.max(...SOURCES.map((source) => newest(source, skip)))) return;
  console.log(built ? "Sources changed since the last build: building…" : "No build yet: building…");
  const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
