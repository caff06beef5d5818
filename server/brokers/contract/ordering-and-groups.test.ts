import { expect, it } from "vitest";
import { fnv1a } from "../../runtime/random";
import { consumer, edge, graph, producer } from "../../runtime/testing/flows";
import { eventually, settle } from "../testing/backends";
import { acked, brokerContract, counts } from "../testing/contract";

/** The broker contract (every backend, exact counts): order per partition, consumer groups and fan-out, offline catch-up. */
brokerContract("order per partition, consumer groups and fan-out, offline catch-up", ({ t, start }) => {
  it("keeps order per partition key and spreads keys by a stable hash", async () => {
    const run = start(
      graph(
        [
          producer("p", {
            payloadTemplate: '{"customer":"{{pick:alice|bob|carol|dave|erin}}","n":{{seq}}}',
            partitionKeyPath: "customer",
          }),
          t("orders", { partitions: 4 }),
          consumer("c", { concurrency: 2 }),
        ],
        [edge("publishes", "p", "orders"), edge("subscribes", "orders", "c")],
      ),
    );
    run.fire("p", 60);
    await eventually(
      () => acked(run, "c"),
      (n) => n === 60,
    );
    await settle();
    expect(counts(run, "c")).toEqual({ delivered: 60, acked: 60 });
    const seen = new Map<string, number[]>();
    for (const r of run.history.query({ nodeId: "c", outcome: "acked", limit: 1000 })) {
      const data = run.getEvent(r.eventId)?.data as { customer: string; n: number };
      expect(r.partition).toBe(fnv1a(data.customer) % 4);
      seen.set(data.customer, [...(seen.get(data.customer) ?? []), data.n]);
    }
    for (const ns of seen.values()) expect(ns).toEqual([...ns].sort((a, b) => a - b));
    expect([...seen.values()].flat()).toHaveLength(60);
  });

  it("fans out to every group; workers of one group share the partitions", async () => {
    const run = start(
      graph(
        [producer("p"), t("t", { partitions: 3 }), consumer("g1", { concurrency: 3 }), consumer("g2")],
        [edge("publishes", "p", "t"), edge("subscribes", "t", "g1"), edge("subscribes", "t", "g2")],
      ),
    );
    run.fire("p", 30);
    await eventually(
      () => [acked(run, "g1"), acked(run, "g2")],
      ([a, b]) => a === 30 && b === 30,
    );
    await settle();
    expect(counts(run, "g1")).toEqual({ delivered: 30, acked: 30 });
    expect(counts(run, "g2")).toEqual({ delivered: 30, acked: 30 });
    expect(counts(run, "p")).toEqual({ published: 30 });
    expect(counts(run, "t")).toEqual({ published: 30 });
  });

  it("an offline group catches up from its committed offset when it comes back", async () => {
    const run = start(
      graph(
        [producer("p"), t("t", { partitions: 2 }), consumer("c")],
        [edge("publishes", "p", "t"), edge("subscribes", "t", "c")],
      ),
    );
    run.fire("p", 4);
    await eventually(
      () => acked(run, "c"),
      (n) => n === 4,
    );
    run.setConsumerOnline("c", false);
    run.fire("p", 6);
    await settle(400);
    expect(acked(run, "c")).toBe(4);
    run.setConsumerOnline("c", true);
    await eventually(
      () => acked(run, "c"),
      (n) => n === 10,
    );
    await settle();
    expect(counts(run, "c")).toEqual({ delivered: 10, acked: 10 });
  });
});
