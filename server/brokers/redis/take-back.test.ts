import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FlowRun } from "../../runtime";
import { consumer, edge, graph, topic } from "../../runtime/testing/flows";
import {
  eventually,
  startRun,
  type BackendHarness,
  openRedisSuite,
  closeRedisSuite,
  type RedisSuite,
} from "../testing/backends";

/**
 * A server that starts again under the same consumer name takes back every entry it had left
 * pending, at once, page by page: not only the first page (the rest would wait for the
 * visibility timeout, a minute here, to be reclaimed).
 */
describe("Redis: taking back pending entries at start", () => {
  let harness: BackendHarness;
  let client: RedisSuite["client"];
  const runs: FlowRun[] = [];
  beforeAll(async () => ({ harness, client } = await openRedisSuite({ visibilityTimeoutMs: 60_000 })));
  afterAll(() => closeRedisSuite({ harness, client }, runs));

  it("takes back all 2,000 entries its previous life read and never acknowledged, attempt 2 each", async () => {
    const EVENTS = 2000;
    const stream = `${harness.namespace}:back:orders:0`;
    await client.xGroupCreate(stream, "c", "$", { MKSTREAM: true });
    const pipeline = client.multi();
    for (let n = 0; n < EVENTS; n++)
      pipeline.xAdd(stream, "*", {
        specversion: "1.0",
        id: `p-${n}`,
        source: "/test",
        type: "order.placed",
        data: JSON.stringify({ n }),
      });
    await pipeline.execAsPipeline();
    // The previous life of this server (same consumer name) read them all, then died.
    await client.xReadGroup("c", "contract", { key: stream, id: ">" }, { COUNT: EVENTS });
    expect((await client.xInfoGroups(stream))[0].pending).toBe(EVENTS);

    const { run } = startRun(
      harness,
      graph(
        [
          topic("orders", { backend: "redis", retention: { maxEventsPerPartition: 100_000, maxAgeMs: 0 } }),
          consumer("c"),
        ],
        [edge("subscribes", "orders", "c")],
      ),
      { flowKey: "back" },
    );
    runs.push(run);
    await eventually(
      () => run.metrics().nodes.c.counts.acked,
      (n) => n === EVENTS,
    );
    const delivered = run.history.query({ nodeId: "c", outcome: "delivered", limit: EVENTS * 2 });
    expect(delivered).toHaveLength(EVENTS);
    expect(new Set(delivered.map((r) => r.attempt))).toEqual(new Set([2]));
  }, 30_000);
});
