import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeliveryRow } from "@/lib/events/delivery";
import type { MetricsSnapshot, WatchSnapshot } from "@/lib/realtime/protocol";
import { consumer, edge, graph, producer, topic } from "../runtime/testing/flows";
import { api, realtime, until } from "./client";
import { startAbuseServer, type AbuseServer } from "./harness";
import { underAttack } from "./health-watch";

// Attacks that used to freeze the server's event loop: user expressions that never finish,
// fires of millions of events. Each runs against the real server while /api/health is asked
// every 100 ms and must answer within 1 s.
let server: AbuseServer;
beforeAll(async () => {
  server = await startAbuseServer({
    RATE_LIMIT_CREATES_PER_MIN: "1000",
    RATE_LIMIT_DEPLOYS_PER_MIN: "1000",
    MAX_SERVER_EVENTS_PER_SEC: "50000",
    // A fire of 100,000 events is emitted within a second or two: no run cap may drop any of it.
    MAX_FLOW_EVENTS_PER_SEC: "1000000",
    // Exhausting a transform process's 64 MB heap takes V8 0.3 s to 1 s (its last-resort
    // collections first), longer on a busy machine: with the default 250 ms limit the
    // heap-exhausting transform raced the clock and failed as a timeout on a loaded CI machine.
    // A time limit well above that keeps each failure's reason about the transform, not the machine.
    TRANSFORM_TIMEOUT_MS: "2500",
  });
}, 90_000);
afterAll(() => server?.stop());

const counts = async (client: ReturnType<typeof api>, id: string) =>
  ((await client.run(id)).body.metrics as MetricsSnapshot | null)?.nodes ?? {};

describe("attacks on the event loop", () => {
  it("runaway, huge and heap-exhausting transforms fail with their reason, through retry to the dead letters", async () => {
    const client = api(server, "127.0.0.20");
    const transforms = {
      regex: '$match("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", /(a+)+$/)',
      pad: '$pad("x", 100000000)',
      rope: '$uppercase($reduce([1..27], function($acc, $i){ $acc & $acc }, "a"))',
    };
    const retry = { maxAttempts: 2, backoff: "fixed" as const, initialDelayMs: 50, maxDelayMs: 50 };
    const names = Object.keys(transforms) as (keyof typeof transforms)[];
    const id = await client.create(
      "Hostile transforms",
      graph(
        [
          producer("p"),
          topic("orders"),
          topic("out"),
          topic("dead"),
          ...names.map((n) =>
            consumer(n, { action: "transform", transformExpression: transforms[n], retry }),
          ),
        ],
        [
          edge("publishes", "p", "orders"),
          ...names.flatMap((n) => [
            edge("subscribes", "orders", n),
            edge("emits", n, "out"),
            edge("dead-letters", n, "dead"),
          ]),
        ],
      ),
    );
    const stored = (await client.get(id)).body;
    expect((await client.deploy(id)).status).toBe(200);
    const socket = await realtime(server);
    expect(await socket.watch(id, 0)).toMatchObject({ ok: true });
    const { result, health } = await underAttack(server.base, async () => {
      const fired = await socket.control({ flowId: id, action: "fire", nodeId: "p", count: 2 });
      const nodes = await until(
        "every event dead-lettered by every consumer",
        () => counts(client, id),
        (n) => names.every((name) => n[name]?.counts["dead-lettered"] === 2),
        60_000,
      );
      return { fired, nodes };
    });
    expect(result.fired).toEqual({ ok: true, value: null });
    for (const name of names) expect(result.nodes[name].counts.acked).toBe(0);
    const watched = (await socket.watch(id, 2000)) as { ok: true; value: WatchSnapshot };
    const failures = (name: string) =>
      watched.value.recent.filter((r: DeliveryRow) => r.nodeId === name && r.outcome === "failed");
    // Two events, two attempts each: four failures per consumer, each for its own reason.
    expect(failures("regex").map((r) => r.reason)).toEqual(Array(4).fill("transform-timeout"));
    expect(failures("pad").map((r) => r.reason)).toEqual(Array(4).fill("payload-too-large"));
    expect(failures("rope").map((r) => r.reason)).toEqual(Array(4).fill("transform-out-of-memory"));
    socket.close();
    expect(health.failures).toEqual([]);
    expect(server.alive()).toBe(true);
    expect((await client.stop(id)).status).toBe(200);
    expect((await client.get(id)).body).toEqual(stored);
  }, 120_000);

  it("refuses a fire past the ceiling, and emits a 100,000-event fire in slices while others are served", async () => {
    const client = api(server, "127.0.0.21");
    const id = await client.create(
      "Big bursts",
      graph(
        [
          producer("p", { mode: "burst", burstCount: 50_000 }),
          topic("orders", { retention: { maxEventsPerPartition: 10_000, maxAgeMs: 0 } }),
          consumer("c"),
        ],
        [edge("publishes", "p", "orders"), edge("subscribes", "orders", "c")],
      ),
    );
    const stored = (await client.get(id)).body;
    expect((await client.deploy(id)).status).toBe(200);
    const socket = await realtime(server);
    expect(await socket.watch(id, 0)).toMatchObject({ ok: true });
    const published = async () => (await counts(client, id)).p?.counts.published ?? 0;
    const { result, health } = await underAttack(server.base, async () => {
      await until("the deploy's burst", published, (n) => n === 50_000, 60_000);
      const tooMany = await socket.control({ flowId: id, action: "fire", nodeId: "p", count: 3 });
      const fired = await socket.control({ flowId: id, action: "fire", nodeId: "p", count: 2 });
      const total = await until("both bursts", published, (n) => n === 150_000, 60_000);
      return { tooMany, fired, total };
    }).finally(() => client.stop(id)); // its 50,000 events/s would hold the server's whole allowance
    expect(result.tooMany).toEqual({
      ok: false,
      error: "one fire emits at most 100000 events; this one asks for 150000 (3 bursts of 50000)",
    });
    expect(result.fired).toEqual({ ok: true, value: null });
    expect(result.total).toBe(150_000);
    expect((await counts(client, id)).p.counts.dropped).toBe(0);
    socket.close();
    expect(health.failures).toEqual([]);
    expect((await client.run(id)).body.status).toMatchObject({ state: "stopped" });
    expect((await client.get(id)).body).toEqual(stored);
  }, 150_000);

  it("counts burst producers towards MAX_SERVER_EVENTS_PER_SEC: a deploy past it gets 429 naming it", async () => {
    const client = api(server, "127.0.0.22");
    const burstFlow = (n: number) =>
      client.create(
        `Burst ${n}`,
        graph(
          [producer("p", { mode: "burst", burstCount: 20_000 }), topic("orders"), consumer("c")],
          [edge("publishes", "p", "orders"), edge("subscribes", "orders", "c")],
        ),
      );
    const ids = [await burstFlow(1), await burstFlow(2), await burstFlow(3)];
    expect((await client.deploy(ids[0])).status).toBe(200);
    expect((await client.deploy(ids[1])).status).toBe(200);
    const refused = await client.deploy(ids[2]);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe(
      "This server runs at most 50000 events/s across all flows; 40000 are in use and this flow asks for 20000. Lower the producers' rates or stop another flow",
    );
    for (const id of ids.slice(0, 2)) expect((await client.stop(id)).status).toBe(200);
    expect((await client.deploy(ids[2])).status).toBe(200);
    expect((await client.stop(ids[2])).status).toBe(200);
  }, 60_000);
});
