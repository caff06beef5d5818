import { SCHEMA_VERSION, validateGraph, type FlowGraph, type FlowIssue } from "@/lib/flow";
import { mapChannels } from "./import-channels";
import { newContext, note, reportUnmappedFields, type ImportContext } from "./import-context";
import { mapOperation, restoreOperation } from "./import-operations";
import { layoutLeftToRight } from "./layout";
import { readAsyncApiDocument } from "./read-document";
import { deref, isObject, refKey, type Json } from "./refs";
import { X, type Unmapped } from "./types";

export interface AsyncApiImport {
  /** The flow, when it passes validateGraph (warnings allowed). */
  graph?: FlowGraph;
  /** `info.title`, a name for the new flow. */
  name?: string;
  /** Everything in the document the flow could not hold, at its path in the document. */
  unmapped: Unmapped[];
  /** validateGraph's issues with the result (empty when all is well). */
  issues: FlowIssue[];
}

/** Producers and consumers Eventloom exported (`x-eventloom-nodes`), with their ids kept. */
function restoreNodes(ctx: ImportContext): Set<string> {
  const ext = ctx.doc[X.nodes];
  const saved = isObject(ext) ? ext : {};
  const restored = new Set<string>();
  for (const [id, node] of Object.entries(saved)) {
    if (!isObject(node) || (node.kind !== "producer" && node.kind !== "consumer") || ctx.nodeIds.has(id)) {
      note(ctx, `${X.nodes}.${id}`, "not a producer or consumer of a unique id: skipped");
      continue;
    }
    ctx.nodeIds.add(id);
    restored.add(id);
    const label = typeof node.label === "string" ? { label: node.label } : {};
    const position = isObject(node.position) ? { position: node.position as { x: number; y: number } } : {};
    ctx.nodes.push({ id, kind: node.kind, ...label, ...position, config: node.config });
  }
  return restored;
}

/** Channel messages that no operation sends: a flow has no producer for them. */
function reportUnsent(ctx: ImportContext, operations: Json): void {
  const sent = new Set<string>();
  const mark = (channel: unknown, messages: unknown) => {
    const key = refKey(channel, "#/channels");
    const list = Array.isArray(messages)
      ? messages.map((m) => (isObject(m) ? String(m.$ref) : ""))
      : Object.keys(
          (deref(ctx.doc, (ctx.doc.channels as Json)?.[key ?? ""]) as Json | undefined)?.messages ?? {},
        ).map((m) => `#/channels/${key}/messages/${m}`);
    for (const ref of list) sent.add(ref);
  };
  for (const op of Object.values(operations)) {
    if (!isObject(op)) continue;
    if (op.action === "send") mark(op.channel, op.messages);
    if (op.action === "receive" && isObject(op.reply)) mark(op.reply.channel, op.reply.messages);
  }
  for (const [channelKey, raw] of Object.entries(isObject(ctx.doc.channels) ? ctx.doc.channels : {})) {
    const channel = deref(ctx.doc, raw);
    for (const messageKey of Object.keys(
      isObject(channel) && isObject(channel.messages) ? channel.messages : {},
    )) {
      if (sent.has(`#/channels/${channelKey}/messages/${messageKey}`)) continue;
      note(
        ctx,
        `channels.${channelKey}.messages.${messageKey}`,
        "no operation of this document sends this message: no producer was made for it (add one to simulate its sender)",
      );
    }
  }
}

/**
 * Builds a flow from an AsyncAPI 3.0 document (JSON or YAML text, or an object): channels →
 * topics, `send` operations → producers, `receive` operations → consumer groups, replies →
 * `replies` edges. A document Eventloom exported comes back as the same flow (its
 * `x-eventloom-*` extensions); any other is laid out left to right. What has no place in a
 * flow is listed in `unmapped`, never dropped silently.
 */
export function importAsyncApi(input: string | object): AsyncApiImport {
  const read = readAsyncApiDocument(input);
  if (!read.ok) return { unmapped: [{ path: "(document)", message: read.message }], issues: [] };
  const ctx = newContext(read.doc);
  const info = isObject(ctx.doc.info) ? ctx.doc.info : {};
  reportUnmappedFields(ctx, "", ctx.doc, [
    "asyncapi",
    "id",
    "info",
    "defaultContentType",
    "channels",
    "operations",
    "components",
  ]);
  const restored = restoreNodes(ctx);
  mapChannels(ctx);
  const operations = isObject(ctx.doc.operations) ? ctx.doc.operations : {};
  const foreign: [string, Json][] = [];
  for (const [key, raw] of Object.entries(operations)) {
    const op = deref(ctx.doc, raw);
    if (!isObject(op))
      note(
        ctx,
        `operations.${key}`,
        "the operation is not an object or its $ref does not resolve inside the document",
      );
    else if (!restoreOperation(ctx, op, restored)) foreign.push([key, op]);
  }
  // Restored edges keep their ids; edges made for foreign operations take fresh ones after them.
  for (const [key, op] of foreign) mapOperation(ctx, key, op);
  reportUnsent(ctx, operations);

  if (ctx.nodes.some((n) => !n.position)) {
    const positions = layoutLeftToRight(ctx.nodes, ctx.edges);
    for (const node of ctx.nodes) node.position = positions.get(node.id);
  }
  const result = validateGraph({ schemaVersion: SCHEMA_VERSION, nodes: ctx.nodes, edges: ctx.edges });
  const name = typeof info.title === "string" ? info.title : undefined;
  return { ...result, ...(name !== undefined && { name }), unmapped: ctx.unmapped };
}
