import type { FlowEdge, FlowNode } from "@/lib/flow";
import { claimUnique, toId } from "./names";
import { isObject, type Json } from "./refs";
import type { Unmapped } from "./types";

/** A node before validation: its config is whatever the document held. */
export type DraftNode = {
  id: string;
  kind: FlowNode["kind"];
  label?: string;
  position?: { x: number; y: number };
  config: unknown;
};
export type DraftEdge = {
  id: string;
  kind: FlowEdge["kind"];
  source: string;
  target: string;
  filter?: unknown;
};

/** What an import builds up while it walks the document. */
export interface ImportContext {
  doc: Json;
  nodes: DraftNode[];
  edges: DraftEdge[];
  nodeIds: Set<string>;
  edgeIds: Set<string>;
  topicNames: Set<string>;
  /** Channel key → id of the topic made from it. */
  topicOfChannel: Map<string, string>;
  unmapped: Unmapped[];
}

export function newContext(doc: Json): ImportContext {
  return {
    doc,
    nodes: [],
    edges: [],
    nodeIds: new Set(),
    edgeIds: new Set(),
    topicNames: new Set(),
    topicOfChannel: new Map(),
    unmapped: [],
  };
}

/** Records something the flow cannot hold, so the person importing sees it. */
export function note(ctx: ImportContext, path: string, message: string): void {
  // A component used in several places is reported once.
  if (!ctx.unmapped.some((u) => u.path === path && u.message === message))
    ctx.unmapped.push({ path, message });
}

/** Adds an edge with a fresh id made from its ends. */
export function addEdge(ctx: ImportContext, kind: FlowEdge["kind"], source: string, target: string): void {
  const id = claimUnique(toId(`${source}-${kind}-${target}`), ctx.edgeIds, 64);
  ctx.edges.push({ id, kind, source, target });
}

// Fields that only document (prose, tags, links, examples): a flow has no place for them, and
// listing each one would bury what matters, so they are not reported.
const DOCUMENTATION = new Set(["description", "summary", "tags", "externalDocs", "examples", "deprecated"]);

/**
 * Reports every field of `object` that is neither in `mapped` nor documentation, with what
 * it is: bindings, parameters, security … have no counterpart in a flow.
 */
export function reportUnmappedFields(
  ctx: ImportContext,
  path: string,
  object: unknown,
  mapped: readonly string[],
): void {
  if (!isObject(object)) return;
  for (const [key, value] of Object.entries(object)) {
    if (
      mapped.includes(key) ||
      DOCUMENTATION.has(key) ||
      key.startsWith("x-eventloom-") ||
      value === undefined
    )
      continue;
    note(
      ctx,
      path ? `${path}.${key}` : key,
      UNMAPPED_REASONS[key] ?? `'${key}' has no counterpart in an Eventloom flow`,
    );
  }
}

const UNMAPPED_REASONS: Record<string, string> = {
  bindings: "protocol bindings are not modelled: Eventloom runs topics on its own broker",
  parameters: "channel parameters are not modelled: one topic carries every parameter value",
  servers: "servers are not modelled: Eventloom runs topics on its own broker",
  security: "security requirements are not modelled",
  traits: "operation traits are not modelled",
  correlationId:
    "the correlation id location is not modelled: Eventloom correlates with the CloudEvents extension 'correlationid'",
  address: "a reply address (runtime expression) is not modelled: replies go to a fixed topic",
};
