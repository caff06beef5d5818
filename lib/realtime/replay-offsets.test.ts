import { describe, expect, it } from "vitest";
import type { DeliveryRow } from "../events/delivery";
import { emptyGraph, type FlowGraph } from "../flow";
import { newestOffset, partitionsRead, replayFromRecord } from "./replay-offsets";

const row = (patch: Partial<DeliveryRow>): DeliveryRow => ({
  seq: 1,
  outcome: "acked",
  eventId: "e1",
  correlationId: "e1",
  eventType: "order.placed",
  nodeId: "email",
  group: "email",
  topic: "orders",
  partition: 1,
  atMs: 0,
  ...patch,
});

describe("replay offsets in the browser", () => {
  it("lists every partition of each topic a consumer subscribes to", () => {
    // Only what the listing reads of a graph: subscribes edges and the topics' name, partitions, backend.
    const topic = (id: string, partitions: number, backend: "embedded" | "redis") => ({
      id,
      kind: "topic",
      config: { name: id, partitions, backend },
    });
    const graph = {
      ...emptyGraph(),
      nodes: [topic("orders", 2, "redis"), topic("audit", 1, "embedded")],
      edges: [
        { id: "s1", kind: "subscribes", source: "orders", target: "email" },
        { id: "s2", kind: "subscribes", source: "audit", target: "email" },
        { id: "s3", kind: "subscribes", source: "audit", target: "other" },
      ],
    } as unknown as FlowGraph;
    expect(partitionsRead(graph, "email")).toEqual([
      { topic: "orders", partition: 0, backend: "redis" },
      { topic: "orders", partition: 1, backend: "redis" },
      { topic: "audit", partition: 0, backend: "embedded" },
    ]);
  });

  it("replays from a group's delivery record, by its log or broker offset, and from nothing else", () => {
    expect(replayFromRecord(row({ offset: 3 }))).toEqual({
      nodeId: "email",
      from: { offsets: [{ topic: "orders", partition: 1, offset: "3" }] },
    });
    expect(
      replayFromRecord(row({ outcome: "failed", brokerOffset: "1764532800000-0" }))?.from.offsets[0].offset,
    ).toBe("1764532800000-0");
    expect(replayFromRecord(row({ outcome: "published", offset: 3 }))).toBeUndefined();
    expect(replayFromRecord(row({ group: undefined, offset: 3 }))).toBeUndefined();
    expect(replayFromRecord(row({}))).toBeUndefined();
  });

  it("prefills with the group's newest step on the partition", () => {
    const rows = [
      row({ offset: 9, partition: 0 }),
      row({ offset: 8, group: "other" }),
      row({ offset: 7, outcome: "published" }),
      row({ offset: 6 }),
      row({ offset: 5 }),
    ];
    const ring = { size: rows.length, at: (i: number) => rows[i] };
    expect(newestOffset(ring, "email", { topic: "orders", partition: 1 })).toBe("6");
    expect(newestOffset(ring, "email", { topic: "orders", partition: 2 })).toBeUndefined();
  });
});
