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
import { vitestFailures } from "./vitest-failures.mjs";

const args = process.argv.slice(2);
const unitOnly = args.includes("--unit-only");
const e2eOnly = args.includes("--e2e-only");
const abuseOnly = args.includes("--abuse-only");
const passThrough = args.filter((a) => !["--unit-only", "--e2e-only", "--abuse-only"].includes(a));
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

/** Runs one part; a part that fails is named again at the end, with `detail()`'s lines. */
function run(label, file, argv, extraEnv = {}, detail = () => []) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(process.execPath, [file, ...argv], {
    stdio: "inherit",
    env: { ...env, ...extraEnv },
  });
  if (result.status !== 0) failures.push({ label, lines: detail() });
  return result.status === 0;
}

const reports = mkdtempSync(join(tmpdir(), "eventloom-test-reports-"));
/** What failed, by part, printed again at the end. */
const failures = [];

/** Runs vitest (with `config`, or the default one), keeping a JSON report of what failed. */
function vitest(label, config) {
  const report = join(reports, `${label.split(" ")[0].toLowerCase()}.json`);
  const argv = ["run", ...(config ? ["--config", config] : [])];
  argv.push("--reporter=default", "--reporter=json", `--outputFile.json=${report}`);
  return run(label, "node_modules/vitest/vitest.mjs", argv, {}, () => vitestFailures(report));
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
  ok = vitest("Abuse suite (attacks on a real server)", "vitest.abuse.config.ts");
  finish();
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
if (!e2eOnly) ok = vitest("Unit and integration tests (vitest)") && ok;
if (!e2eOnly && !unitOnly) {
  buildIfStale();
  ok = vitest("Abuse suite (attacks on a real server)", "vitest.abuse.config.ts") && ok;
}
if (!e2eOnly && !unitOnly) {
  buildIfStale();
  ok = vitest("Cluster suite (three real servers on PostgreSQL and Redis)", "vitest.cluster.config.ts") && ok;
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
finish();

function finish() {
  rmSync(reports, { recursive: true, force: true });
  for (const { label, lines } of failures) {
    console.log(`\n✗ ${label}:`);
    for (const line of lines) console.log(`  ${line}`);
  }
  console.log(ok ? "\nAll tests passed." : "\nSome tests failed (see above).");
  process.exit(ok ? 0 : 1);
}
