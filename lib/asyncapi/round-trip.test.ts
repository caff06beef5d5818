import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readGraph, type FlowGraph } from "@/lib/flow";
import { FLOW_TEMPLATES } from "@/lib/templates";
import example from "@/examples/ecommerce-orders.json";
import richFlow from "./fixtures/rich-flow.json";
import { exportAsyncApi } from "./export";
import { importAsyncApi } from "./import";
import { officialProblems } from "./official-parser.test-util";
import { asyncApiText } from "./serialize";
import type { AsyncApiDocument } from "./types";

const graphOf = (input: unknown): FlowGraph => {
  const read = readGraph(input);
  if (!read.graph) throw new Error(JSON.stringify(read.issues));
  return read.graph;
};
/**
 * Node and edge order carries no meaning in a flow, so compare by id. Scenarios are
 * experiments on the flow, not part of its interface, so AsyncAPI does not carry them.
 */
const byId = ({ scenarios: _scenarios, ...graph }: FlowGraph) => ({
  ...graph,
  nodes: [...graph.nodes].sort((a, b) => a.id.localeCompare(b.id)),
  edges: [...graph.edges].sort((a, b) => a.id.localeCompare(b.id)),
});
const standardParts = (doc: AsyncApiDocument) => ({
  channels: doc.channels,
  operations: doc.operations,
  messages: doc.components.messages,
  traits: doc.components.messageTraits,
});

const flows: [string, unknown][] = [
  ["the e-commerce example", example],
  ["a flow using every edge kind", richFlow],
  ...FLOW_TEMPLATES.filter((t) => t.id !== "ecommerce-orders").map((t): [string, unknown] => [
    `the ${t.id} template`,
    t.graph,
  ]),
];

describe.each(flows)("export → import → export of %s", (_name, input) => {
  const graph = graphOf(input);
  const first = exportAsyncApi(graph, { title: "Round trip" }).document;

  it.each(["json", "yaml"] as const)(
    "gives back the same flow from %s text, with no unmapped parts",
    (format) => {
      const back = importAsyncApi(asyncApiText(first, format));
      expect(back.unmapped).toEqual([]);
      expect(back.name).toBe("Round trip");
      expect(byId(back.graph!)).toEqual(byId(graph));
    },
  );

  it("validates in the official parser", async () => {
    expect(await officialProblems(first)).toEqual([]);
  });

  it("keeps channels, operations and message schemas exactly", () => {
    const again = exportAsyncApi(importAsyncApi(first).graph!, { title: "Round trip" }).document;
    expect(standardParts(again)).toEqual(standardParts(first));
    expect(again).toEqual(first);
  });
});

describe("import → export → import → export of a foreign document", () => {
  it("is stable after the first import and stays valid AsyncAPI", async () => {
    const imported = importAsyncApi(
      readFileSync(new URL("./fixtures/ecommerce.yaml", import.meta.url), "utf8"),
    );
    const exported = exportAsyncApi(imported.graph!, { title: imported.name }).document;
    expect(await officialProblems(exported)).toEqual([]);
    const reimported = importAsyncApi(exported);
    expect(reimported.unmapped).toEqual([]);
    expect(byId(reimported.graph!)).toEqual(byId(imported.graph!));
    expect(standardParts(exportAsyncApi(reimported.graph!, { title: imported.name }).document)).toEqual(
      standardParts(exported),
    );
  });
});

describe("a document exported by Eventloom and then edited elsewhere", () => {
  it("maps a hand-added operation as foreign and keeps the rest as exported", () => {
    const doc = structuredClone(exportAsyncApi(graphOf(example)).document);
    doc.operations["audit.receive"] = { action: "receive", channel: { $ref: "#/channels/payments" } };
    const back = importAsyncApi(doc);
    expect(back.unmapped).toEqual([]);
    const added = back.graph!.nodes.find((n) => n.id === "audit-receive");
    expect(added).toMatchObject({
      kind: "consumer",
      label: "audit.receive",
      config: { group: "audit.receive", action: "process" },
    });
    expect(back.graph!.edges.filter((e) => e.target === "audit-receive")).toEqual([
      {
        id: "payments-subscribes-audit-receive",
        kind: "subscribes",
        source: "payments",
        target: "audit-receive",
      },
    ]);
    // One node had no saved position, so the whole flow was laid out again.
    expect(back.graph!.nodes.find((n) => n.id === "orders")?.position).not.toEqual({ x: 300, y: 200 });
  });
});
