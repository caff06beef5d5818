// `npm test`: every check. Format (prettier), lint (eslint), types (tsc), unit and integration
// tests (vitest), then the abuse suite (attacks on the production build in a child process,
// server/abuse), the cluster suite (three servers as child processes, server/cluster/harness)
// and the end-to-end tests (Playwright against a production build on a free port
// with a fresh SQLite database).
//   --unit-only / --e2e-only / --abuse-only    run one part;  other arguments go to Playwright.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildIfStale } from "./build-if-stale.mjs";
import { findChromium } from "./find-chromium.mjs";

const args = process.argv.slice(2);
const unitOnly = args.includes("--unit-only");
const e2eOnly = args.includes("--e2e-only");
const abuseOnly = args.includes("--abuse-only");
const passThrough = args.filter((a) => !["--unit-only", "--e2e-only", "--abuse-only"].includes(a));
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

function run(label, file, argv, extraEnv = {}) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(process.execPath, [file, ...argv], {
    stdio: "inherit",
    env: { ...env, ...extraEnv },
  });
  return result.status === 0;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

let ok = true;
if (abuseOnly) {
  buildIfStale();
  ok = run("Abuse suite (attacks on a real server)", "node_modules/vitest/vitest.mjs", [
    "run",
    "--config",
    "vitest.abuse.config.ts",
  ]);
  process.exit(ok ? 0 : 1);
}
if (!e2eOnly)
  ok =
    run("Format (prettier --check)", "node_modules/prettier/bin/prettier.cjs", [
      "--check",
      "--log-level=warn",
      ".",
    ]) && ok;
if (!e2eOnly)
  ok =
    run(
      "Lint (eslint: TypeScript, React Hooks, layer and import rules)",
      "node_modules/eslint/bin/eslint.js",
      ["--max-warnings=0", "."],
    ) && ok;
if (!e2eOnly) ok = run("Type check (tsc)", "node_modules/typescript/bin/tsc", ["--noEmit", "-p", "."]) && ok;
if (!e2eOnly)
  ok = run("Unit and integration tests (vitest)", "node_modules/vitest/vitest.mjs", ["run"]) && ok;
if (!e2eOnly && !unitOnly) {
  buildIfStale();
  ok =
    run("Abuse suite (attacks on a real server)", "node_modules/vitest/vitest.mjs", [
      "run",
      "--config",
      "vitest.abuse.config.ts",
    ]) && ok;
}
if (!e2eOnly && !unitOnly) {
  buildIfStale();
  ok =
    run("Cluster suite (three real servers on PostgreSQL and Redis)", "node_modules/vitest/vitest.mjs", [
      "run",
      "--config",
      "vitest.cluster.config.ts",
    ]) && ok;
}
if (!unitOnly) {
  const chromium = findChromium();
  buildIfStale();
  const dir = mkdtempSync(join(tmpdir(), "eventloom-e2e-"));
  const port = await freePort();
  ok =
    run(
      "End-to-end tests (Playwright, Chromium at " + chromium + ")",
      "node_modules/@playwright/test/cli.js",
      ["test", ...passThrough],
      {
        CHROMIUM_PATH: chromium,
        E2E_PORT: String(port),
        E2E_DATABASE_URL: `file:${join(dir, "eventloom.db")}`,
      },
    ) && ok;
  rmSync(dir, { recursive: true, force: true });
}
console.log(ok ? "\nAll tests passed." : "\nSome tests failed (see above).");
process.exit(ok ? 0 : 1);
