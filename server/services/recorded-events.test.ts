import { describe, expect, it } from "vitest";
import { consumer, edge, graph, producer, startVirtualRun, topic } from "../runtime/testing/flows";
import { eventTrace, TRACE_MAX_PAYLOAD_CHARS } from "./recorded-events";

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
