import { describe, expect, it } from "vitest";
import { consumer, edge, graph, producer, startVirtualRun, topic } from "../runtime/testing/flows";
import type { FlowRun } from "../runtime";
import { eventTrace, recordedEvents, TRACE_MAX_PAYLOAD_CHARS } from "./recorded-events";
import { NO_FILTER } from "@/lib/events/delivery-filter";

/** p → a; three transforms a → b each make a 100 KB event; three more b → c: 1 + 3 + 9 events per conversation. */
const fanOut = () => {
  const blob = '{ "blob": $pad("", 100000, "x") }';
  const layer = (prefix: string) =>
    [1, 2, 3].map((i) => consumer(`${prefix}${i}`, { action: "transform", transformExpression: blob }));
  const nodes = [producer("p"), topic("a"), topic("b"), topic("c"), ...layer("x"), ...layer("y")];
  const edges = [
    edge("publishes", "p", "a"),
    ...[1, 2, 3].flatMap((i) => [edge("subscribes", "a", `x${i}`), edge("emits", `x${i}`, "b")]),
    ...[1, 2, 3].flatMap((i) => [edge("subscribes", "b", `y${i}`), edge("emits", `y${i}`, "c")]),
  ];
  return graph(nodes, edges);
};

describe("eventTrace", () => {
  it("keeps a fanned-out conversation's answer under its payload budget and counts what it left out", async () => {
    const { run, time } = startVirtualRun(fanOut(), { maxPayloadBytes: 200_000 });
    run.fire("p", 1);
    await time.advanceTo(10);
    const [first] = run.history.query({ nodeId: "p", outcome: "published" });
    const trace = eventTrace(run, first.eventId)!;
    const payloadChars = trace.events.reduce((sum, e) => sum + JSON.stringify(e.data).length, 0);
    expect(trace.events[0].id).toBe(first.eventId);
    expect(payloadChars).toBeLessThanOrEqual(TRACE_MAX_PAYLOAD_CHARS);
    expect(trace.events.length + trace.omitted!).toBe(13);
    expect(trace.omitted).toBe(13 - trace.events.length);
    expect(trace.events.length).toBe(1 + Math.floor(TRACE_MAX_PAYLOAD_CHARS / 100_012));
  });
});

describe("recordedEvents' free-text search bounds", () => {
  /** 50 events whose payloads alone hold the word searched for. */
  const needles = async () => {
    const payloadTemplate = `{"note": "needle ${"x".repeat(990)}"}`;
    const { run, time } = startVirtualRun(
      graph(
        [producer("p", { payloadTemplate }), topic("t"), consumer("c")],
        [edge("publishes", "p", "t"), edge("subscribes", "t", "c")],
      ),
    );
    run.fire("p", 50);
    await time.advanceTo(1000);
    const published = run.history.query({ nodeId: "p", outcome: "published" }).sort((a, b) => a.seq - b.seq);
    expect(published).toHaveLength(50);
    return { run, oldest: published.map((r) => r.eventId) };
  };
  const search = { ...NO_FILTER, text: "needle" };
  const unbounded = { maxSearchChars: Number.MAX_SAFE_INTEGER, maxLookups: Number.MAX_SAFE_INTEGER };

  it("searches payload text only up to maxSearchChars, oldest first", async () => {
    const { run, oldest } = await needles();
    expect(recordedEvents(run, search, 10_000, unbounded).map((e) => e.id)).toEqual(oldest);
    const payloadChars = JSON.stringify(run.getEvent(oldest[0])!.data).length;
    const bounded = recordedEvents(run, search, 10_000, { ...unbounded, maxSearchChars: 10 * payloadChars });
    expect(bounded.map((e) => e.id)).toEqual(oldest.slice(0, 10));
  });

  it("looks up at most maxLookups events the history no longer holds", async () => {
    const { run, oldest } = await needles();
    let lookups = 0;
    // The history has let every payload go: each one is a topic lookup.
    const forgetful = {
      history: { query: run.history.query.bind(run.history), eventOf: () => undefined },
      getEvent: (id: string) => (lookups++, run.getEvent(id)),
    } as unknown as FlowRun;
    const found = recordedEvents(forgetful, search, 10_000, { ...unbounded, maxLookups: 5 });
    expect(found.map((e) => e.id)).toEqual(oldest.slice(0, 5));
    expect(lookups).toBe(5);
  });
});
