import { NODE_KIND_SPECS, type FlowEdge, type FlowGraph, type FlowNode } from "../../lib/flow";

/**
 * A valid, loop-free flow in five columns, of 500 nodes and 600 edges by default: 100 producers
 * → 50 topics → 125 consumers → 50 topics → 125 consumers → 50 topics. Every producer
 * publishes; every consumer subscribes to one tier and emits to the next. `size` scales every
 * column alike (about `size` nodes: 100 makes 20 producers, 10 topics a tier, 25 consumers a tier).
 */
export function bigFlow(size = 500): FlowGraph {
  const scale = size / 500;
  const producers = Math.max(1, Math.round(100 * scale));
  const topics = Math.max(1, Math.round(50 * scale));
  const consumers = Math.max(1, Math.round(125 * scale));
  const nodes: FlowNode[] = [];
  const edges: FlowEdge[] = [];
  // Rows spread over the height of a 125-row column, whatever the column's count.
  const at = (col: number, row: number, rows: number) => ({
    x: col * 320,
    y: (row * 110 * (125 * scale)) / rows,
  });
  for (let i = 0; i < producers; i++)
    nodes.push({
      id: `p${i}`,
      kind: "producer",
      position: at(0, i, producers),
      config: { ...NODE_KIND_SPECS.producer.defaults(), eventType: `event.${i}` },
    });
  for (let tier = 0; tier < 3; tier++) {
    for (let i = 0; i < topics; i++)
      nodes.push({
        id: `t${tier}-${i}`,
        kind: "topic",
        position: at(1 + tier * 2, i, topics),
        config: { ...NODE_KIND_SPECS.topic.defaults(), name: `tier${tier}.topic.${i}` },
      });
  }
  for (let tier = 0; tier < 2; tier++) {
    for (let i = 0; i < consumers; i++) {
      const id = `c${tier}-${i}`;
      nodes.push({
        id,
        kind: "consumer",
        position: at(2 + tier * 2, i, consumers),
        config: { ...NODE_KIND_SPECS.consumer.defaults(), group: `group-${tier}-${i}` },
      });
      edges.push({ id: `es${tier}-${i}`, kind: "subscribes", source: `t${tier}-${i % topics}`, target: id });
      edges.push({
        id: `ee${tier}-${i}`,
        kind: "emits",
        source: id,
        target: `t${tier + 1}-${(i * 7) % topics}`,
      });
    }
  }
  for (let i = 0; i < producers; i++)
    edges.push({ id: `ep${i}`, kind: "publishes", source: `p${i}`, target: `t0-${i % topics}` });
  return { schemaVersion: 2, nodes, edges };
}
