import * as z from "../zod";
import { FLOW_LIMITS } from "./limits";
import { plainText } from "../text/plain-text";
import { ZFilterPattern } from "./filter";
import { ZConsumerConfig } from "./node-kinds/consumer";
import { ZProducerConfig } from "./node-kinds/producer";
import { ZTopicConfig } from "./node-kinds/topic";
import { SCHEMA_VERSION } from "./empty-graph";

export { emptyGraph, SCHEMA_VERSION } from "./empty-graph";
import { ZScenarioList } from "../scenarios/schema";

const ZId = z
  .string()
  .check(
    z.minLength(1, "must not be empty"),
    z.maxLength(64, "must be at most 64 characters"),
    z.regex(/^[A-Za-z0-9_-]+$/, "may use letters, digits, _ and - only"),
  );
// Zod's numbers are finite: Infinity and NaN are refused.
const ZPosition = z.strictObject({ x: z.number(), y: z.number() });
const ZLabel = z.optional(plainText(z.string().check(z.maxLength(FLOW_LIMITS.maxString))));

const nodeBase = { id: ZId, position: ZPosition, label: ZLabel };
export const ZProducerNode = z.strictObject({
  ...nodeBase,
  kind: z.literal("producer"),
  config: ZProducerConfig,
});
export const ZTopicNode = z.strictObject({ ...nodeBase, kind: z.literal("topic"), config: ZTopicConfig });
export const ZConsumerNode = z.strictObject({
  ...nodeBase,
  kind: z.literal("consumer"),
  config: ZConsumerConfig,
});
export const ZFlowNode = z.discriminatedUnion("kind", [ZProducerNode, ZTopicNode, ZConsumerNode]);

const edgeBase = { id: ZId, source: ZId, target: ZId };
export const ZSubscribesEdge = z.strictObject({
  ...edgeBase,
  kind: z.literal("subscribes"),
  filter: z.optional(ZFilterPattern),
});
const plainEdge = <K extends "publishes" | "emits" | "replies" | "dead-letters">(kind: K) =>
  z.strictObject({ ...edgeBase, kind: z.literal(kind) });
export const ZFlowEdge = z.discriminatedUnion("kind", [
  plainEdge("publishes"),
  ZSubscribesEdge,
  plainEdge("emits"),
  plainEdge("replies"),
  plainEdge("dead-letters"),
]);

/** The whole graph as stored and exchanged. Unknown fields anywhere are rejected. */
export const ZFlowGraph = z.strictObject({
  schemaVersion: z.literal(SCHEMA_VERSION),
  nodes: z
    .array(ZFlowNode)
    .check(z.maxLength(FLOW_LIMITS.maxNodes, `a flow holds at most ${FLOW_LIMITS.maxNodes} nodes`)),
  edges: z
    .array(ZFlowEdge)
    .check(z.maxLength(FLOW_LIMITS.maxEdges, `a flow holds at most ${FLOW_LIMITS.maxEdges} edges`)),
  /** Scripted experiments on this flow (lib/scenarios); absent means none. */
  scenarios: z.optional(ZScenarioList),
});

export type ProducerNode = z.infer<typeof ZProducerNode>;
export type TopicNode = z.infer<typeof ZTopicNode>;
export type ConsumerNode = z.infer<typeof ZConsumerNode>;
export type FlowNode = z.infer<typeof ZFlowNode>;
export type FlowEdge = z.infer<typeof ZFlowEdge>;
export type FlowGraph = z.infer<typeof ZFlowGraph>;
