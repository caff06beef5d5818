import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, spawnServer } from "./harness";

// A server that cannot start says why in one line (no stack trace) and exits with status 1.
const dir = mkdtempSync(join(tmpdir(), "eventloom-startup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(port: number, database: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawnServer(port, database);
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.resume();
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stderr })));
}

describe("start-up failures", () => {
  it("a database path that cannot be created: one line naming it and what to do", async () => {
    writeFileSync(join(dir, "not-a-folder"), "");
    const database = join(dir, "not-a-folder", "eventloom.db");
    const { code, stderr } = await run(await freePort(), database);
    expect(code).toBe(1);
    expect(stderr).toBe(
      `Cannot open the database at ${database}: a part of the path is a file, not a folder. Make its folder writable or set DATABASE_URL to a writable file.\n`,
    );
  });

  it("a port already in use: one line naming it and what to do", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const { code, stderr } = await run(port, join(dir, "ok.db"));
      expect(code).toBe(1);
      expect(stderr).toBe(
        `Cannot start: port ${port} on 127.0.0.1 is already in use. Stop the other server or set PORT to a free port.\n`,
      );
    } finally {
      taken.close();
    }
  });
});
