import { SCHEMA_VERSION, type FlowEdge, type FlowGraph, type FlowNode, type TopicNode } from "@/lib/flow";
import { readableKey } from "@/lib/flow/names";
import { cloudEventsTrait } from "./cloudevents-trait";
import { withoutSecrets } from "../flow/secrets";
import { consumerMessage, producerMessage, type ConsumerOutput } from "./messages";
import { savedSchemaFields, topicPayloadSchema } from "./topic-schemas";
import {
  X,
  type AsyncApiDocument,
  type AsyncApiMessage,
  type AsyncApiOperation,
  type AsyncApiReply,
  type Ref,
} from "./types";

export interface ExportOptions {
  /** `info.title`; the flow's name. */
  title?: string;
  /** `info.version`, the version of the described API (not of AsyncAPI). */
  version?: string;
  description?: string;
}

export interface AsyncApiExport {
  document: AsyncApiDocument;
  /** Producers whose payload template gave no schema (their message has an open payload). */
  problems: { nodeId: string; message: string }[];
}

const ref = ($ref: string): Ref => ({ $ref });

/** What a node is called in the document: the topic's name, the consumer's group, the producer's event type. */
function keySource(node: FlowNode): string {
  if (node.kind === "topic") return node.config.name;
  if (node.kind === "consumer") return node.config.group;
  return node.config.eventType;
}

/** Operation keys are `<node key>.<verb>.<topic key>`, node keys made unique from the nodes' names. */
const VERBS: Record<FlowEdge["kind"], string> = {
  publishes: "send",
  subscribes: "receive",
  emits: "emit",
  replies: "reply",
  "dead-letters": "dead-letter",
};
const OUTPUTS: Partial<Record<FlowEdge["kind"], ConsumerOutput>> = {
  emits: "transformed",
  replies: "reply",
  "dead-letters": "dead-lettered",
};

function emptyDocument(options: ExportOptions): AsyncApiDocument {
  const info = { title: options.title ?? "Eventloom flow", version: options.version ?? "1.0.0" };
  return {
    asyncapi: "3.0.0",
    info: options.description ? { ...info, description: options.description } : info,
    defaultContentType: "application/json",
    channels: {},
    operations: {},
    components: { messages: {}, messageTraits: { cloudEvents: cloudEventsTrait() } },
    "x-eventloom-schema-version": SCHEMA_VERSION,
    [X.nodes]: {},
  };
}

function addTopic(doc: AsyncApiDocument, node: TopicNode, key: string): void {
  const { name, partitions, retention } = node.config;
  doc.channels[key] = {
    address: name,
    ...(node.label !== undefined && { title: node.label }),
    messages: {},
    [X.topic]: {
      id: node.id,
      partitions,
      retention,
      position: node.position,
      ...(node.label !== undefined && { label: node.label }),
      ...savedSchemaFields(node.config),
    },
  };
}

/**
 * Describes a flow as an AsyncAPI 3.0 document: each topic a channel (address = topic name),
 * each `publishes` edge a `send` operation, each `subscribes` edge a `receive` operation, a
 * consumer's `replies` edge the `reply` of its receive operations, `emits` and `dead-letters`
 * edges `send` operations of the consumer. Messages carry JSON Schemas inferred from payload
 * templates and the CloudEvents attributes as a trait. What AsyncAPI cannot say (partitions,
 * retention, node configs, filters, positions, edge ids) goes into `x-eventloom-*` extensions,
 * so that {@link importAsyncApi} gives the same flow back.
 */
export function exportAsyncApi(fullGraph: FlowGraph, options: ExportOptions = {}): AsyncApiExport {
  // AsyncAPI documents get shared: they never carry webhook secrets.
  const graph = withoutSecrets(fullGraph);
  const doc = emptyDocument(options);
  const problems: AsyncApiExport["problems"] = [];
  const byId = new Map(graph.nodes.map((n) => [n.id, n] as const));
  const taken = new Set<string>();
  const keys = new Map(graph.nodes.map((n) => [n.id, readableKey(keySource(n), taken)] as const));
  const key = (id: string) => keys.get(id) ?? id;
  const channelRef = (topicId: string) => ref(`#/channels/${key(topicId)}`);
  const nodes = doc[X.nodes] as Record<string, unknown>;
  for (const node of graph.nodes) {
    if (node.kind === "topic") addTopic(doc, node, key(node.id));
    else
      nodes[node.id] = {
        kind: node.kind,
        ...(node.label !== undefined && { label: node.label }),
        position: node.position,
        config: node.config,
      };
  }
  const addOperation = (key: string, operation: AsyncApiOperation) => {
    doc.operations[doc.operations[key] ? `${key}.${(operation[X.edge] as { id: string }).id}` : key] =
      operation;
  };
  /** Puts the message on the topic's channel (defined once in components) and refers to it. */
  const carry = (
    topicId: string,
    messageKey: string,
    build: () => { message: AsyncApiMessage; problem?: string },
    nodeId: string,
  ) => {
    if (!doc.components.messages[messageKey]) {
      const built = build();
      doc.components.messages[messageKey] = built.message;
      if (built.problem) problems.push({ nodeId, message: built.problem });
    }
    doc.channels[key(topicId)].messages[messageKey] = ref(`#/components/messages/${messageKey}`);
    return [ref(`#/channels/${key(topicId)}/messages/${messageKey}`)];
  };
  const subscribed = new Set(graph.edges.filter((e) => e.kind === "subscribes").map((e) => e.target));
  const replies = new Map<string, AsyncApiReply>();

  for (const edge of graph.edges) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target) continue;
    const edgeMeta = { id: edge.id, kind: edge.kind };
    if (edge.kind === "subscribes") {
      const filter = edge.filter !== undefined ? { [X.filter]: edge.filter } : {};
      addOperation(`${key(target.id)}.receive.${key(source.id)}`, {
        action: "receive",
        channel: channelRef(source.id),
        [X.node]: target.id,
        [X.edge]: edgeMeta,
        ...filter,
      });
    } else if (source.kind === "producer") {
      const schema = target.kind === "topic" ? topicPayloadSchema(target.config) : undefined;
      const messages = carry(target.id, key(source.id), () => producerMessage(source, schema), source.id);
      addOperation(`${key(source.id)}.send.${key(target.id)}`, {
        action: "send",
        channel: channelRef(target.id),
        messages,
        [X.node]: source.id,
        [X.edge]: edgeMeta,
      });
    } else if (source.kind === "consumer") {
      const output = OUTPUTS[edge.kind]!;
      const messages = carry(
        target.id,
        `${key(source.id)}.${output}`,
        () => ({ message: consumerMessage(source, output) }),
        source.id,
      );
      // A consumer's first `replies` edge is the reply of its receive operations; any other is a send.
      if (edge.kind === "replies" && subscribed.has(source.id) && !replies.has(source.id)) {
        replies.set(source.id, { channel: channelRef(target.id), messages, [X.edge]: edgeMeta });
      } else {
        addOperation(`${key(source.id)}.${VERBS[edge.kind]}.${key(target.id)}`, {
          action: "send",
          channel: channelRef(target.id),
          messages,
          [X.node]: source.id,
          [X.edge]: edgeMeta,
        });
      }
    }
  }
  for (const operation of Object.values(doc.operations)) {
    const reply = operation.action === "receive" ? replies.get(operation[X.node] as string) : undefined;
    if (reply) operation.reply = structuredClone(reply);
  }
  return { document: doc, problems };
}
