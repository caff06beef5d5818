import { describe, expect, it } from "vitest";
import example from "../../examples/ecommerce-orders.json";
import { consumerKind, producerKind, topicKind, type FlowGraph } from "../flow";
import { deflateSync } from "fflate";
import { decodeSnapshot, encodeSnapshot } from "./snapshot";

function bigFlow(): FlowGraph {
  const nodes: FlowGraph["nodes"] = [];
  const edges: FlowGraph["edges"] = [];
  for (let i = 0; i < 100; i++) {
    nodes.push({
      id: `p${i}`,
      kind: "producer",
      position: { x: 0, y: i * 120 },
      config: producerKind.defaults(),
    });
    nodes.push({
      id: `t${i}`,
      kind: "topic",
      position: { x: 300, y: i * 120 },
      config: { ...topicKind.defaults(), name: `topic-${i}` },
    });
    for (let j = 0; j < 3; j++)
      nodes.push({
        id: `c${i}-${j}`,
        kind: "consumer",
        position: { x: 600, y: i * 120 + j * 40 },
        config: consumerKind.defaults(),
      });
    edges.push({ id: `e-p${i}`, kind: "publishes", source: `p${i}`, target: `t${i}` });
    for (let j = 0; j < 3; j++)
      edges.push({ id: `e-s${i}-${j}`, kind: "subscribes", source: `t${i}`, target: `c${i}-${j}` });
  }
  return { schemaVersion: 2, nodes, edges };
}

describe("snapshot links", () => {
  it("round-trip a flow exactly", () => {
    const fragment = encodeSnapshot({ name: "Shop", graph: example as FlowGraph });
    expect(fragment).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(decodeSnapshot(`#${fragment}`)).toEqual({
      ok: true,
      snapshot: { name: "Shop", graph: example },
      issues: [],
    });
  });

  it("carry a 500-node flow in well under a browser's URL limit", () => {
    const graph = bigFlow();
    expect(graph.nodes).toHaveLength(500);
    const fragment = encodeSnapshot({ name: "Big", graph });
    expect(fragment.length).toBeLessThan(64 * 1024);
    const decoded = decodeSnapshot(fragment);
    expect(decoded.ok && decoded.snapshot.graph).toEqual(graph);
  });

  it("explain damaged, foreign and invalid fragments", () => {
    const fragment = encodeSnapshot({ name: "Shop", graph: example as FlowGraph });
    expect(decodeSnapshot(fragment.slice(0, 40))).toEqual({
      ok: false,
      message: "This snapshot link is damaged (it may have been cut short when copied): ask for it again",
    });
    expect(decodeSnapshot("hello")).toEqual({
      ok: false,
      message: "This is not an Eventloom snapshot link (it should end in #v1.…)",
    });
    const invalid = encodeSnapshot({
      name: "Bad",
      graph: { schemaVersion: 1, nodes: [{ id: "x" }], edges: [] } as unknown as FlowGraph,
    });
    const bomb = `v1.${Buffer.from(deflateSync(new Uint8Array(8 * 1024 * 1024))).toString("base64url")}`;
    expect(decodeSnapshot(bomb)).toEqual({
      ok: false,
      message: "This snapshot is larger than a flow can be",
    });
    expect(decodeSnapshot(invalid)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^This snapshot's flow is not valid: nodes\[0\]/),
    });
  });
});
