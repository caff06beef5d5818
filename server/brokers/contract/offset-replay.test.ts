import { expect, it } from "vitest";
import { createEvent } from "@/lib/events";
import type { FlowRun } from "../../runtime";
import { consumer, edge, graph, topic as embeddedTopic } from "../../runtime/testing/flows";
import { eventually, settle } from "../testing/backends";
import { acked, brokerContract, counts } from "../testing/contract";

const incoming = (n: number) =>
  createEvent({ id: `e${n}`, source: "/test", type: "order.placed", timeMs: 0, data: { n } });

/** Where each published event of topic `t` sits: its partition and the broker's offset (log offset embedded). */
function placements(run: FlowRun): Map<string, { partition: number; offset: string }> {
  const published = run.history.query({ nodeId: "t", outcome: "published", limit: 1000 });
  return new Map(
    published.map((r) => [
      r.eventId,
      { partition: r.partition!, offset: String(r.offset ?? r.brokerOffset) },
    ]),
  );
}

const ackedIds = (run: FlowRun) =>
  run.history.query({ nodeId: "c", outcome: "acked", limit: 1000 }).map((r) => r.eventId);

/** The broker contract (every backend, exact counts): replay of some partitions from given broker offsets. */
brokerContract("replay from a broker offset", ({ backend, t, start }) => {
  const flow = () => graph([t("t", { partitions: 3 }), consumer("c")], [edge("subscribes", "t", "c")]);

  it("delivers again exactly the events from the given offset on, in order; other partitions stay", async () => {
    const run = start(flow());
    // Round robin from a fresh topic: e0, e3, … on p0; e1, e4, … on p1; p2 gets e2, e5, …
    const published = run.publish(
      "t",
      Array.from({ length: 30 }, (_, n) => ({ event: incoming(n) })),
    );
    expect(published.ok).toBe(true);
    await eventually(
      () => acked(run, "c"),
      (n) => n === 30,
    );
    await settle();
    const where = placements(run);
    const onP1 = Array.from({ length: 10 }, (_, i) => `e${1 + 3 * i}`);
    expect(onP1.map((id) => where.get(id)!.partition)).toEqual(Array(10).fill(1));
    const fourth = where.get(onP1[3])!.offset;
    if (backend === "embedded") expect(fourth).toBe("3");

    expect(await run.resetGroupToOffsets("c", [{ topic: "t", partition: 1, offset: fourth }])).toEqual({
      ok: true,
      value: undefined,
    });
    await eventually(
      () => acked(run, "c"),
      (n) => n === 37,
    );
    await settle(backend === "embedded" ? 50 : 1000);
    expect(counts(run, "c")).toEqual({ delivered: 37, acked: 37 });
    expect(ackedIds(run).slice(30)).toEqual(onP1.slice(3));

    // Skipping forward: p2's next delivery is its 9th event; what lies before is never delivered again.
    const onP2 = Array.from({ length: 10 }, (_, i) => `e${2 + 3 * i}`);
    const ninth = where.get(onP2[8])!.offset;
    expect((await run.resetGroupToOffsets("c", [{ topic: "t", partition: 2, offset: ninth }])).ok).toBe(true);
    await eventually(
      () => acked(run, "c"),
      (n) => n === 39,
    );
    await settle(backend === "embedded" ? 50 : 1000);
    expect(counts(run, "c")).toEqual({ delivered: 39, acked: 39 });
    expect(ackedIds(run).slice(37)).toEqual(onP2.slice(8));

    // New events after the replays are delivered once each, on every partition.
    expect(
      run.publish("t", [{ event: incoming(30) }, { event: incoming(31) }, { event: incoming(32) }]).ok,
    ).toBe(true);
    await eventually(
      () => acked(run, "c"),
      (n) => n === 42,
    );
    await settle(backend === "embedded" ? 50 : 1000);
    expect(counts(run, "c")).toEqual({ delivered: 42, acked: 42 });
    expect(new Set(ackedIds(run).slice(39))).toEqual(new Set(["e30", "e31", "e32"]));
  });

  it("refuses an unknown topic or partition, a malformed offset and one beyond the end, moving nothing", async () => {
    const run = start(
      graph(
        [t("t", { partitions: 3 }), embeddedTopic("other"), consumer("c")],
        [edge("subscribes", "t", "c")],
      ),
    );
    expect(run.publish("t", [{ event: incoming(0) }, { event: incoming(1) }]).ok).toBe(true);
    await eventually(
      () => acked(run, "c"),
      (n) => n === 2,
    );
    await settle();
    const last = placements(run).get("e0")!.offset;
    const refusal = async (offsets: Parameters<FlowRun["resetGroupToOffsets"]>[1]) => {
      const answer = await run.resetGroupToOffsets("c", offsets);
      return answer.ok ? "accepted" : `${answer.error.code}: ${answer.error.message}`;
    };
    expect(await refusal([{ topic: "other", partition: 0, offset: "0" }])).toBe(
      "bad-argument: consumer group 'c' does not read a topic named 'other'",
    );
    expect(await refusal([{ topic: "t", partition: 3, offset: last }])).toBe(
      "bad-argument: topic 't' has partitions p0..p2; there is no partition 3",
    );
    expect(
      await refusal([
        { topic: "t", partition: 0, offset: last },
        { topic: "t", partition: 0, offset: last },
      ]),
    ).toBe("bad-argument: t / p0 is given more than once");
    const malformed = { embedded: "1-0", redis: "17", nats: "0" }[backend];
    expect(await refusal([{ topic: "t", partition: 0, offset: malformed }])).toBe(
      `bad-argument: offset '${malformed}' of t / p0 is not ` +
        {
          embedded: "a log offset (a whole number)",
          redis: "a stream entry id (<ms>-<seq>)",
          nats: "a stream sequence (a whole number from 1)",
        }[backend],
    );
    const beyond = backend === "redis" ? `${Number(last.split("-")[0]) + 1}-0` : String(Number(last) + 5);
    expect(await refusal([{ topic: "t", partition: 0, offset: beyond }])).toBe(
      `bad-argument: offset ${beyond} is beyond the end of t / p0 (its last event is at ${last})`,
    );
    expect(await refusal([{ topic: "t", partition: 2, offset: last }])).toBe(
      "bad-argument: t / p2 has no events yet: there is no offset to replay from",
    );
    await settle(backend === "embedded" ? 50 : 500);
    expect(counts(run, "c")).toEqual({ delivered: 2, acked: 2 });
  });
});
