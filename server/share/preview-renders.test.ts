import { describe, expect, it } from "vitest";
import type { FlowGraph } from "@/lib/flow";
import { boundedPicture, layoutPicture, SIMPLIFIED_PICTURE_MAX_NODES } from "@/lib/share/graph-picture";
import { consumer, edge, graph, producer, topic } from "../runtime/testing/flows";
import { flowPreviewResponse } from "./flow-preview-image";
import { createPreviewPool } from "./preview-pool";
import { installPreviews, previewRenderer, sharedPreviews } from "./preview-renders";

const png = (n: number) => new Uint8Array([n]);
const drawn = (n: number) => ({ ok: true as const, png: png(n) });
const limits = { maxConcurrent: 1, maxWaiting: 4, maxCached: 10, failureTtlMs: 1000 };
const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
};

/** A flow of `n` producer → topic → consumer chains, laid out in a grid. */
function bigFlow(chains: number): FlowGraph {
  const nodes = [];
  const edges = [];
  for (let i = 0; i < chains; i++) {
    const at = (col: number) => ({ x: col * 260, y: i * 90 });
    nodes.push(
      { ...producer(`p${i}`), position: at(0) },
      { ...topic(`t${i}`), position: at(1) },
      { ...consumer(`c${i}`), position: at(2) },
    );
    edges.push(edge("publishes", `p${i}`, `t${i}`), edge("subscribes", `t${i}`, `c${i}`));
  }
  return graph(nodes, edges) as FlowGraph;
}

describe("link-preview renders", () => {
  it("renders each key once and serves it from the cache after", async () => {
    const renderer = previewRenderer(limits);
    let renders = 0;
    const render = async () => drawn(++renders);
    const answers = await Promise.all([renderer.picture("a", render), renderer.picture("a", render)]);
    expect(await renderer.picture("a", render)).toEqual({ ok: true, png: png(1) });
    expect(answers).toEqual([
      { ok: true, png: png(1) },
      { ok: true, png: png(1) },
    ]);
    expect(renders).toBe(1);
  });

  it("runs at most maxConcurrent renders at once and turns away callers beyond the queue", async () => {
    const renderer = previewRenderer({ ...limits, maxWaiting: 2 });
    const first = gate();
    let running = 0;
    let most = 0;
    const render = (n: number) => async () => {
      most = Math.max(most, ++running);
      if (n === 0) await first.opened;
      running--;
      return drawn(n);
    };
    const calls = [0, 1, 2, 3, 4].map((n) => renderer.picture(`k${n}`, render(n)));
    // Two wait for the slot; the fourth and fifth are told to come back.
    expect(await calls[3]).toEqual({ ok: false, busy: true });
    expect(await calls[4]).toEqual({ ok: false, busy: true });
    first.open();
    expect(await Promise.all(calls.slice(0, 3))).toEqual([0, 1, 2].map((n) => ({ ok: true, png: png(n) })));
    expect(most).toBe(1);
  });

  it("keeps at most maxCached pictures, dropping the least recently used", async () => {
    const renderer = previewRenderer({ ...limits, maxConcurrent: 2, maxWaiting: 2, maxCached: 2 });
    let renders = 0;
    const render = async () => drawn(++renders);
    await renderer.picture("a", render);
    await renderer.picture("b", render);
    await renderer.picture("a", render); // a is now the most recent
    await renderer.picture("c", render); // b goes
    await renderer.picture("a", render);
    expect(renders).toBe(3);
    await renderer.picture("b", render);
    expect(renders).toBe(4);
  });

  it("draws a large flow as a bounded, unlabelled picture", () => {
    const big = bigFlow(200);
    const picture = boundedPicture(layoutPicture(big, 1200, 500, 40));
    expect(picture.simplified).toBe(true);
    expect(picture.nodes.length).toBeLessThanOrEqual(SIMPLIFIED_PICTURE_MAX_NODES);
    expect(picture.nodes.every((n) => n.label === "")).toBe(true);
    const small = boundedPicture(layoutPicture(bigFlow(5), 1200, 500, 40));
    expect(small.simplified).toBe(false);
    expect(small.nodes).toHaveLength(15);
  });

  it("remembers a picture that could not be drawn for failureTtlMs, then tries again", async () => {
    let clock = 0;
    const renderer = previewRenderer({ ...limits, now: () => clock });
    let renders = 0;
    const render = async () =>
      ++renders === 1 ? { ok: false as const, reason: "preview-timeout" as const } : drawn(2);
    const failed = { ok: false, busy: false, reason: "preview-timeout" };
    expect(await renderer.picture("slow", render)).toEqual(failed);
    clock = 999;
    expect(await renderer.picture("slow", render)).toEqual(failed);
    expect(renders).toBe(1);
    clock = 1000;
    expect(await renderer.picture("slow", render)).toEqual({ ok: true, png: png(2) });
    expect(renders).toBe(2);
  });

  it("answers 503 naming the reason when this process draws no previews", async () => {
    expect(sharedPreviews()).toBeUndefined();
    const answer = await flowPreviewResponse(null);
    expect(answer.status).toBe(503);
    expect(await answer.text()).toBe("Link previews are drawn only by the Eventloom server (npm start)");
  });

  it("serves a 600-node flow's preview as a PNG drawn in the preview process, once per version", async () => {
    const pool = createPreviewPool({ timeoutMs: 20_000, memoryMb: 64 });
    const { renderer } = installPreviews((job) => pool.draw(job), { maxConcurrent: 1, maxWaiting: 8 });
    try {
      const flow = { id: "f1", name: "Big", version: 3, graph: bigFlow(200) };
      const first = await flowPreviewResponse(flow);
      expect(first.status).toBe(200);
      expect(first.headers.get("content-type")).toBe("image/png");
      const bytes = new Uint8Array(await first.arrayBuffer());
      expect([...bytes.slice(1, 4)].map((b) => String.fromCharCode(b)).join("")).toBe("PNG");
      await flowPreviewResponse(flow);
      expect(renderer.rendered).toBe(1);
      await flowPreviewResponse({ ...flow, version: 4 });
      expect(renderer.rendered).toBe(2);
      expect(pool.stats().drawn).toBe(2);
    } finally {
      pool.close();
    }
  });

  it("answers 503 with Retry-After when a picture runs past the time limit, and does not draw it again", async () => {
    const pool = createPreviewPool({ timeoutMs: 300, memoryMb: 64 });
    const { renderer } = installPreviews((job) => pool.draw(job), { maxConcurrent: 1, maxWaiting: 8 });
    try {
      expect((await flowPreviewResponse(null)).status).toBe(200);
      process.kill(pool.pids()[0], "SIGSTOP");
      const flow = { id: "f2", name: "Stuck", version: 1, graph: bigFlow(3) };
      for (let i = 0; i < 2; i++) {
        const answer = await flowPreviewResponse(flow);
        expect(answer.status).toBe(503);
        expect(answer.headers.get("retry-after")).toBe("60");
        expect(await answer.text()).toBe(
          "This flow's picture took longer to draw than the server allows; it is not tried again for a minute",
        );
      }
      expect(renderer.rendered).toBe(2);
      expect(pool.stats().timedOut).toBe(1);
    } finally {
      pool.close();
    }
  });
});
