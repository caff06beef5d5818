import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { FlowGraph } from "@/lib/flow";
import { pipeline, withScenario } from "@/server/runtime/scenario/scenario-fixtures";

const dir = mkdtempSync(join(tmpdir(), "eventloom-scenario-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `npm run scenario -- …` as CI would (the same script, in a child process). */
function cli(graph: FlowGraph | string, ...args: string[]) {
  const file = join(dir, `flow-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof graph === "string" ? graph : JSON.stringify(graph));
  const run = spawnSync(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "scripts/scenario.ts", file, ...args],
    {
      encoding: "utf8",
    },
  );
  return { code: run.status, out: run.stdout, err: run.stderr };
}

/** 10/s into a group that goes offline from 5 s to 15 s: its lag peaks at 90. */
const outage = (maxLag: number) =>
  withScenario(
    pipeline(),
    20_000,
    [
      { atMs: 5_000, action: "consumer-offline", nodeId: "c" },
      { atMs: 15_000, action: "consumer-online", nodeId: "c" },
    ],
    [{ kind: "lag-below", nodeId: "c", max: maxLag }],
  );

describe("npm run scenario (CI)", () => {
  it("exits 1 and says where an expectation failed", () => {
    const { code, out } = cli(outage(50));
    expect(code).toBe(1);
    expect(out).toContain("FAIL  S  (20 s simulated");
    expect(out).toContain("✗  lag of 'c' stays ≤ 50: failed at 0:11: 60 events");
    expect(out).toContain("1 scenario: FAILED");
  });

  it("exits 0 when every expectation holds", () => {
    const { code, out } = cli(outage(90), "--scenario", "S", "--seed", "3");
    expect(code).toBe(0);
    expect(out).toContain("✓  lag of 'c' stays ≤ 90: passed (worst 90 events)");
    expect(out).toContain("1 scenario: all passed");
  });

  it("exits 2 for a file it cannot use, a missing scenario or a bad seed", () => {
    expect(cli("{ not json").code).toBe(2);
    const missing = cli(outage(90), "--scenario", "nope");
    expect([missing.code, missing.err.trim()]).toEqual([2, expect.stringMatching(/^no scenario 'nope' in /)]);
    expect(cli(outage(90), "--seed=-1")).toMatchObject({
      code: 2,
      err: expect.stringContaining("--seed must be a whole number from 0 to 4294967295"),
    });
    // A value parseArgs cannot take is unusable too (exit 2), not a failed expectation (exit 1).
    expect(cli(outage(90), "--seed", "-1")).toMatchObject({
      code: 2,
      err: expect.stringContaining("usage: npm run scenario"),
    });
  });
});
