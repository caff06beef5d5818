/**
 * The parts of an AsyncAPI 3.0 document that Eventloom reads and writes. The spec allows far
 * more; import reads everything else as `unknown` and reports what it cannot map.
 */
export type JsonSchema = Record<string, unknown>;
export type Ref = { $ref: string };

export interface AsyncApiMessage {
  name?: string;
  title?: string;
  summary?: string;
  contentType?: string;
  headers?: JsonSchema;
  payload?: JsonSchema;
  traits?: Ref[];
  examples?: { name?: string; headers?: Record<string, unknown>; payload?: unknown }[];
  [extension: `x-${string}`]: unknown;
}

export interface AsyncApiChannel {
  address: string;
  title?: string;
  messages: Record<string, Ref>;
  [extension: `x-${string}`]: unknown;
}

export interface AsyncApiReply {
  channel: Ref;
  messages?: Ref[];
  [extension: `x-${string}`]: unknown;
}

export interface AsyncApiOperation {
  action: "send" | "receive";
  channel: Ref;
  title?: string;
  summary?: string;
  messages?: Ref[];
  reply?: AsyncApiReply;
  [extension: `x-${string}`]: unknown;
}

export interface AsyncApiDocument {
  asyncapi: "3.0.0";
  info: { title: string; version: string; description?: string };
  defaultContentType: string;
  channels: Record<string, AsyncApiChannel>;
  operations: Record<string, AsyncApiOperation>;
  components: {
    messages: Record<string, AsyncApiMessage>;
    messageTraits: Record<string, AsyncApiMessage>;
  };
  [extension: `x-${string}`]: unknown;
}

/** Something in an imported document that has no place in a flow, at a JSON path in it. */
export interface Unmapped {
  /** Dotted path into the document, e.g. `channels.lightMeasured.parameters`. */
  path: string;
  message: string;
}

/**
 * Extension keys. Eventloom writes them so that export → import gives back the same flow;
 * other AsyncAPI tools ignore them.
 */
export const X = {
  /** Root: producers and consumers by node id (kind, label, position, config). */
  nodes: "x-eventloom-nodes",
  /** Channel: the topic's partitions, retention, label and position. */
  topic: "x-eventloom-topic",
  /** Operation or reply: the flow edge it stands for ({ id, kind }). */
  edge: "x-eventloom-edge",
  /** Operation: the node that performs it. */
  node: "x-eventloom-node",
  /** Receive operation: the subscription's filter pattern. */
  filter: "x-eventloom-filter",
} as const;
