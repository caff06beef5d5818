import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consumerKind, topicKind, type FlowGraph } from "@/lib/flow";
import type { TestServer } from "./test-cluster";
import { testCluster } from "./test-cluster";

// HTTP ingest in a cluster: any server takes the events; the run's owner publishes them.
const graph: FlowGraph = {
  schemaVersion: 2,
  nodes: [
    {
      id: "t",
      kind: "topic",
      position: { x: 0, y: 0 },
      config: { ...topicKind.defaults(), name: "orders", partitions: 1 },
    },
    {
      id: "c",
      kind: "consumer",
      position: { x: 0, y: 0 },
      config: { ...consumerKind.defaults(), processingMs: { min: 0, max: 0 } },
    },
  ],
  edges: [{ id: "sub", kind: "subscribes", source: "t", target: "c" }],
};
const batch = (ids: string[]) =>
  JSON.stringify(
    ids.map((id, i) => ({
      specversion: "1.0",
      id,
      source: "/billing",
      type: "order.placed",
      data: { n: i },
    })),
  );
const BATCH = { "content-type": "application/cloudevents-batch+json" };

let cluster: Awaited<ReturnType<typeof testCluster>>;
beforeAll(async () => {
  cluster = await testCluster();
});
afterAll(async () => {
  await cluster.close();
});

/** A flow with an ingest key, created through `via`. */
async function flowWithKey(via: TestServer, name: string) {
  const created = await via.services.flows.create({ name, graph });
  if (!created.ok) throw new Error(created.body.error);
  const key = await via.keys.create(created.value.id, "billing");
  if (!key.ok) throw new Error(key.body.error);
  return { id: created.value.id, key: key.value.key };
}
const publishedOn = (server: TestServer, id: string) =>
  server.runs.run(id)?.metrics({ latency: false }).nodes.t.counts.published;

describe("HTTP ingest routed to the run's owner", () => {
  it("a server that does not run the flow carries the events to its owner and answers what it answered", async () => {
    const a = await cluster.startServer("ingest-a");
    const b = await cluster.startServer("ingest-b");
    const { id, key } = await flowWithKey(b, "Billing");
    const authorization = `Bearer ${key}`;

    // Nobody runs it yet: the answer says so, whichever server is asked.
    expect(
      await b.ingest.ingest({ topic: "orders", authorization, headers: BATCH, body: batch(["x"]) }),
    ).toEqual({
      status: 409,
      body: { error: "The flow is not running: deploy it, then send again" },
      flowId: id,
      mode: "batch",
    });

    expect((await a.runs.deploy(id)).ok).toBe(true);
    const sent = await b.ingest.ingest({
      topic: "orders",
      authorization,
      headers: BATCH,
      body: batch(["o-1", "o-2", "o-3"]),
    });
    expect(sent).toEqual({
      status: 202,
      flowId: id,
      mode: "batch",
      body: {
        topic: "orders",
        accepted: [
          { id: "o-1", partition: 0, offset: 0 },
          { id: "o-2", partition: 0, offset: 1 },
          { id: "o-3", partition: 0, offset: 2 },
        ],
      },
    });
    expect(publishedOn(a, id)).toBe(3);
    expect(b.runs.run(id)).toBeUndefined();
    expect(a.runs.run(id)!.getEvent("o-2")).toMatchObject({ id: "o-2", source: "/billing", data: { n: 1 } });

    // The owner's own checks answer through the other server: a topic the run does not have.
    expect(
      await b.ingest.ingest({ topic: "refunds", authorization, headers: BATCH, body: batch(["r"]) }),
    ).toEqual({
      status: 404,
      body: { error: "This flow has no topic 'refunds'" },
      flowId: id,
      mode: "batch",
    });
    // A request the receiving server cannot read never reaches the owner.
    expect(
      await b.ingest.ingest({ topic: "orders", authorization, headers: BATCH, body: "[{" }),
    ).toMatchObject({
      status: 400,
      flowId: id,
    });

    // On the owner itself, ingest publishes in place, after the routed events.
    expect(
      await a.ingest.ingest({ topic: "orders", authorization, headers: BATCH, body: batch(["o-4"]) }),
    ).toEqual({
      status: 202,
      flowId: id,
      mode: "batch",
      body: { topic: "orders", accepted: [{ id: "o-4", partition: 0, offset: 3 }] },
    });
    expect(publishedOn(a, id)).toBe(4);
  });

  it("answers 503 naming the owner when it does not answer, and publishes nothing", async () => {
    const c = await cluster.startServer("ingest-c");
    const d = await cluster.startServer("ingest-d");
    const { id, key } = await flowWithKey(d, "Lonely");
    expect((await c.runs.deploy(id)).ok).toBe(true);
    await c.rpc.close(); // ingest-c still holds the lease but no longer answers
    const sent = await d.ingest.ingest({
      topic: "orders",
      authorization: `Bearer ${key}`,
      headers: BATCH,
      body: batch(["l-1", "l-2"]),
    });
    expect(sent).toEqual({
      status: 503,
      flowId: id,
      mode: "batch",
      body: {
        error:
          "The server running this flow (ingest-c) did not answer: try again in a few seconds, another server takes its runs over if it is gone",
      },
    });
    expect(publishedOn(c, id)).toBe(0);
    expect(d.runs.run(id)).toBeUndefined();
  });
});
