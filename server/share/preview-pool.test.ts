import { afterEach, describe, expect, it } from "vitest";
import { createPreviewPool, type PreviewJob, type PreviewPool } from "./preview-pool";
import { previewRenderer } from "./preview-renders";

const pools: PreviewPool[] = [];
const pool = (options: Partial<Parameters<typeof createPreviewPool>[0]> = {}) => {
  const created = createPreviewPool({ timeoutMs: 20_000, memoryMb: 64, ...options });
  pools.push(created);
  return created;
};
afterEach(() => pools.splice(0).forEach((p) => p.close()));

const card = (text: string): PreviewJob => ({
  tree: { type: "div", props: { style: { display: "flex", background: "#14161c" }, children: text } },
  width: 1200,
  height: 630,
});
/** Width and height from a PNG's header chunk. */
const pngSize = (png: Uint8Array) => {
  const view = new DataView(png.buffer, png.byteOffset);
  return {
    signature: String.fromCharCode(...png.slice(1, 4)),
    width: view.getUint32(16),
    height: view.getUint32(20),
  };
};
const stop = (pid: number) => process.kill(pid, "SIGSTOP");
const resume = (pid: number) => process.kill(pid, "SIGCONT");
/** Resolves once the pool's process has started and drawn its warm-up picture. */
const ready = async (p: PreviewPool) => {
  const first = await p.draw(card("warm"));
  expect(first.ok).toBe(true);
};

describe("the preview pool", () => {
  it("draws a plain element tree as a PNG of the asked size in a child process", async () => {
    const p = pool();
    const outcome = await p.draw(card("Orders"));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(pngSize(outcome.png)).toEqual({ signature: "PNG", width: 1200, height: 630 });
    expect(p.pids()).toHaveLength(1);
    expect(p.pids()[0]).not.toBe(process.pid);
  });

  it("kills a drawing past its time limit (preview-timeout) and draws the next in a fresh process", async () => {
    const p = pool({ timeoutMs: 400 });
    await ready(p);
    const [stuck] = p.pids();
    stop(stuck); // a picture that never finishes, as far as the server can tell
    expect(await p.draw(card("never"))).toEqual({ ok: false, reason: "preview-timeout" });
    const [fresh] = p.pids();
    expect(fresh).not.toBe(stuck);
    expect((await p.draw(card("after"))).ok).toBe(true);
    expect(p.stats()).toMatchObject({ timedOut: 1, restarts: 1, drawn: 2 });
  });

  it("fails a picture that needs more than its heap (preview-out-of-memory), and recovers", async () => {
    const p = pool({ memoryMb: 16 });
    await ready(p);
    const cells = Array.from({ length: 20_000 }, (_, i) => ({
      type: "div",
      props: { style: { display: "flex", width: 4, height: 4 }, children: `cell ${i}` },
    }));
    const huge = { type: "div", props: { style: { display: "flex", flexWrap: "wrap" }, children: cells } };
    expect(await p.draw({ tree: huge, width: 1200, height: 630 })).toEqual({
      ok: false,
      reason: "preview-out-of-memory",
    });
    expect((await p.draw(card("after"))).ok).toBe(true);
    expect(p.stats()).toMatchObject({ outOfMemory: 1, restarts: 1 });
  });

  it("answers a tree the renderer refuses with preview-error naming the problem", async () => {
    const p = pool();
    const twoChildren = {
      type: "div",
      props: { children: [{ type: "span", props: { children: "a" } }, "b"] },
    };
    const outcome = await p.draw({ tree: twoChildren, width: 100, height: 100 });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.reason).toMatch(/^preview-error: Expected <div> to have explicit "display: flex"/);
  });

  it("keeps the server's loop free while pictures wait: a full queue is refused at once, the rest come in order", async () => {
    const p = pool();
    await ready(p);
    const renderer = previewRenderer({ maxConcurrent: 1, maxWaiting: 2, maxCached: 10, failureTtlMs: 1000 });
    const [pid] = p.pids();
    stop(pid);
    const arrived: string[] = [];
    const ask = (name: string) =>
      renderer
        .picture(name, () => p.draw(card(name)))
        .then((result) => {
          arrived.push(name);
          return result;
        });
    const asked = ["a", "b", "c", "d"].map(ask);
    // The fourth is turned away while the process is stopped: nothing waits on its drawing.
    expect(await asked[3]).toEqual({ ok: false, busy: true });
    // The loop is free: timers and I/O run while three pictures are outstanding.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(arrived).toEqual(["d"]);
    resume(pid);
    const results = await Promise.all(asked.slice(0, 3));
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    expect(arrived).toEqual(["d", "a", "b", "c"]);
  });

  it("starts no process before the first picture; one that dies before it is ready fails what waits, the next starts afresh", async () => {
    const p = pool();
    expect(p.pids()).toEqual([]);
    const waiting = p.draw(card("first"));
    const [starting] = p.pids();
    process.kill(starting, "SIGKILL"); // still loading the renderer: it never said it was ready
    expect(await waiting).toEqual({
      ok: false,
      reason: "preview-error: the drawing process could not start",
    });
    expect((await p.draw(card("second"))).ok).toBe(true);
    expect(p.pids()).toHaveLength(1);
    expect(p.pids()[0]).not.toBe(starting);
  });

  it("answers every waiting picture when closed", async () => {
    const p = pool();
    await ready(p);
    stop(p.pids()[0]);
    const waiting = [p.draw(card("x")), p.draw(card("y"))];
    p.close();
    expect(await Promise.all(waiting)).toEqual([
      { ok: false, reason: "preview-error: the server is shutting down" },
      { ok: false, reason: "preview-error: the server is shutting down" },
    ]);
  });
});
