/**
 * Runs every benchmark folder's index.ts (bench/<name>/index.ts) in turn, each in its own
 * Node process so that one bench's memory and JIT state do not colour the next one's figures.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const benchDir = dirname(fileURLToPath(import.meta.url));
const folders = readdirSync(benchDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(benchDir, entry.name, "index.ts")))
  .map((entry) => entry.name)
  .sort((a, b) => (a === "runtime" ? -1 : b === "runtime" ? 1 : a.localeCompare(b)));

let failed = 0;
for (const name of folders) {
  console.log(`\n=== bench/${name} ===`);
  const result = spawnSync(process.execPath, ["--import", "tsx", join(benchDir, name, "index.ts")], {
    stdio: "inherit",
  });
  if (result.status !== 0) {
    failed++;
    console.log(`bench/${name} exited with ${result.status ?? result.signal}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
