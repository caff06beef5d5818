import { describe, expect, it } from "vitest";
import example from "../../examples/ecommerce-orders.json";
import { consumerKind, producerKind, topicKind } from "./node-kinds";
import { idleIssues, templateProblem, whyNothingArrives } from "./reach";
import { emptyGraph, type FlowEdge, type FlowGraph, type FlowNode } from "./schema";
import { validateGraph } from "./validate";

const at = { x: 0, y: 0 };
const producer = (id: string, payloadTemplate = '{"n": "{{int:1:5}}"}'): FlowNode => ({
  id,
  kind: "producer",
  position: at,
  config: { ...producerKind.defaults(), payloadTemplate },
});
const topic = (id: string, name: string): FlowNode => ({
  id,
  kind: "topic",
  position: at,
  config: { ...topicKind.defaults(), name },
});
const consumer = (id: string, group: string): FlowNode => ({
  id,
  kind: "consumer",
  position: at,
  config: { ...consumerKind.defaults(), group },
});
const edge = (id: string, kind: FlowEdge["kind"], source: string, target: string) =>
  ({ id, kind, source, target }) as FlowEdge;
const pipeline = (template?: string): FlowGraph => ({
  ...emptyGraph(),
  nodes: [producer("p", template), topic("t", "orders"), consumer("c", "billing")],
  edges: [edge("e1", "publishes", "p", "t"), edge("e2", "subscribes", "t", "c")],
});

describe("payload templates that cannot render are errors", () => {
  it("an unknown placeholder blocks the flow, naming the placeholder", () => {
    const result = validateGraph(pipeline('{"id": "{{orderNumber}}"}'));
    expect(result.graph).toBeUndefined();
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({
      path: "nodes[0].config.payloadTemplate",
      severity: "error",
      nodeId: "p",
    });
    expect(result.issues[0].message).toMatch(
      /^cannot make events: unknown placeholder \{\{orderNumber\}\}: use one of /,
    );
  });

  it("a template that is not JSON blocks the flow, with or without placeholders", () => {
    const plain = validateGraph(pipeline('{"id": 1,}'));
    expect(plain.graph).toBeUndefined();
    expect(plain.issues[0].message).toMatch(/^cannot make events: the template is not valid JSON: /);
    const filled = validateGraph(pipeline('{"id": {{int:1:5}} {{int:1:5}}}'));
    expect(filled.graph).toBeUndefined();
    expect(filled.issues[0].message).toMatch(
      /^cannot make events: the filled-in template is not valid JSON: /,
    );
  });

  it("a template that renders is no issue", () => {
    expect(validateGraph(pipeline()).issues).toEqual([]);
    expect(templateProblem('{"customer": "{{customerId}}", "note": "order {{orderId}}"}')).toBeNull();
  });
});

describe("flows that cannot do anything warn", () => {
  it("names each idle node with its reason and a fix, and never blocks", () => {
    const graph: FlowGraph = {
      ...emptyGraph(),
      nodes: [producer("p"), topic("t", "orders"), consumer("c", "billing")],
      edges: [],
    };
    expect(idleIssues(graph).map((i) => [i.nodeId, i.severity, i.message])).toEqual([
      ["p", "warning", "producer 'order.placed' publishes to no topic: connect it to a topic"],
      ["t", "warning", "topic 'orders' gets no events, nothing publishes to it: connect a producer to it"],
      ["c", "warning", "consumer 'billing' subscribes to no topic: connect a topic to it"],
    ]);
    expect(validateGraph(graph).graph).toEqual(graph);
  });

  it("a topic fed by a consumer (emits, replies, dead-letters) is not idle", () => {
    expect(idleIssues(example as FlowGraph)).toEqual([]);
  });
});

describe("whyNothingArrives", () => {
  it("explains an empty flow, a flow without producers, and producers connected to nothing", () => {
    expect(whyNothingArrives(emptyGraph())).toBe(
      "The flow is empty: add a producer, a topic and a consumer, then deploy.",
    );
    expect(whyNothingArrives({ ...emptyGraph(), nodes: [topic("t", "orders")] })).toBe(
      "No producer in this flow: nothing emits events. Add a producer and connect it to a topic.",
    );
    expect(whyNothingArrives({ ...emptyGraph(), nodes: [producer("p"), topic("t", "orders")] })).toBe(
      "No producer is connected to a topic, so no event is published. Connect order.placed to a topic.",
    );
  });

  it("explains producers that fire by hand, and says nothing when events flow", () => {
    const manual = pipeline();
    const p = manual.nodes[0] as Extract<FlowNode, { kind: "producer" }>;
    manual.nodes[0] = { ...p, config: { ...p.config, mode: "manual" } };
    expect(whyNothingArrives(manual)).toBe(
      "Every producer fires by hand: select one and press Fire to send events.",
    );
    expect(whyNothingArrives(pipeline())).toBeNull();
  });
});
