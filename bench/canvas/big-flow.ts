import { NODE_KIND_SPECS, type FlowEdge, type FlowGraph, type FlowNode } from "../../lib/flow";

/**
 * A valid, loop-free flow of 500 nodes and 600 edges in five columns: 100 producers →
 * 50 topics → 125 consumers → 50 topics → 125 consumers → 50 topics. Every producer
 * publishes; every consumer subscribes to one tier and emits to the next.
 */
export function bigFlow(): FlowGraph {
  const nodes: FlowNode[] = [];
  const edges: FlowEdge[] = [];
  const at = (col: number, row: number, rows: number) => ({ x: col * 320, y: row * 110 * (125 / rows) });
  for (let i = 0; i < 100; i++)
    nodes.push({
      id: `p${i}`,
      kind: "producer",
      position: at(0, i, 100),
      config: { ...NODE_KIND_SPECS.producer.defaults(), eventType: `event.${i}` },
    });
  for (let tier = 0; tier < 3; tier++) {
    for (let i = 0; i < 50; i++)
      nodes.push({
        id: `t${tier}-${i}`,
        kind: "topic",
        position: at(1 + tier * 2, i, 50),
        config: { ...NODE_KIND_SPECS.topic.defaults(), name: `tier${tier}.topic.${i}` },
      });
  }
  for (let tier = 0; tier < 2; tier++) {
    for (let i = 0; i < 125; i++) {
      const id = `c${tier}-${i}`;
      nodes.push({
        id,
        kind: "consumer",
        position: at(2 + tier * 2, i, 125),
        config: { ...NODE_KIND_SPECS.consumer.defaults(), group: `group-${tier}-${i}` },
      });
      edges.push({ id: `es${tier}-${i}`, kind: "subscribes", source: `t${tier}-${i % 50}`, target: id });
      edges.push({ id: `ee${tier}-${i}`, kind: "emits", source: id, target: `t${tier + 1}-${(i * 7) % 50}` });
    }
  }
  for (let i = 0; i < 100; i++)
    edges.push({ id: `ep${i}`, kind: "publishes", source: `p${i}`, target: `t0-${i % 50}` });
  return { schemaVersion: 2, nodes, edges };
}
