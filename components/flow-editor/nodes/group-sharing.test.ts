import { describe, expect, it } from "vitest";
import { consumerKind, emptyGraph, type ConsumerNode, type FlowGraph } from "@/lib/flow";
import { pasteClip } from "../store/clipboard";
import { freshGroupName, groupShareText, groupSharers } from "./group-sharing";

const consumer = (id: string, group: string): ConsumerNode => ({
  id,
  kind: "consumer",
  position: { x: 0, y: 0 },
  config: { ...consumerKind.defaults(), group },
});

describe("consumers sharing a group", () => {
  it("a pasted consumer keeps its group: both are told they split the work, and a fresh name is offered", () => {
    const graph: FlowGraph = { ...emptyGraph(), nodes: [consumer("c1", "payments")] };
    const pasted = pasteClip(graph, { nodes: [graph.nodes[0]], edges: [] }, { x: 40, y: 40 }).graph;
    const copy = pasted.nodes[1] as ConsumerNode;
    expect(copy.config.group).toBe("payments");
    expect(groupSharers(pasted, copy)).toBe(1);
    expect(groupSharers(pasted, pasted.nodes[0] as ConsumerNode)).toBe(1);
    expect(groupShareText("payments", 1)).toBe(
      "Another consumer uses the group 'payments': together they split the work, each event goes to only one of them. Give this one its own group to receive every event too.",
    );
    expect(freshGroupName(pasted, "payments")).toBe("payments-2");
  });

  it("counts the other consumers of a group, whether or not the consumer asked about is in the graph", () => {
    const graph: FlowGraph = {
      ...emptyGraph(),
      nodes: [consumer("a", "x"), consumer("b", "x"), consumer("c", "x"), consumer("d", "y")],
    };
    expect(groupSharers(graph, graph.nodes[0] as ConsumerNode)).toBe(2);
    expect(groupSharers(graph, graph.nodes[3] as ConsumerNode)).toBe(0);
    // Not in the graph (a consumer being added): every consumer of its group is another one.
    expect(groupSharers(graph, consumer("e", "x"))).toBe(3);
    // Asked with a group it does not have in this graph (its form changed it): the others of that group.
    expect(groupSharers(graph, consumer("d", "x"))).toBe(3);
    expect(groupSharers(graph, consumer("a", "y"))).toBe(1);
  });

  it("a consumer alone in its group shares nothing", () => {
    const graph: FlowGraph = { ...emptyGraph(), nodes: [consumer("a", "x"), consumer("b", "y")] };
    expect(groupSharers(graph, graph.nodes[0] as ConsumerNode)).toBe(0);
  });
});
