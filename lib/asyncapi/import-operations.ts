import { EDGE_KINDS, consumerKind, producerKind } from "@/lib/flow";
import { addEdge, note, reportUnmappedFields, type DraftEdge, type ImportContext } from "./import-context";
import { readMessage } from "./import-messages";
import { claimUnique, toGroup, toId } from "./names";
import { deref, isObject, refKey, type Json } from "./refs";
import { X } from "./types";

const lastSegment = (ref: unknown) =>
  isObject(ref) && typeof ref.$ref === "string" ? ref.$ref.split("/").pop()! : "message";

/**
 * Restores the edge an Eventloom-exported operation stands for (`x-eventloom-edge`), when the
 * node it names was restored too. Returns false for an operation to map as foreign.
 */
export function restoreOperation(ctx: ImportContext, op: Json, restored: ReadonlySet<string>): boolean {
  const nodeId = op[X.node];
  const edge = op[X.edge];
  const topic = ctx.topicOfChannel.get(refKey(op.channel, "#/channels") ?? "");
  if (
    typeof nodeId !== "string" ||
    !restored.has(nodeId) ||
    !isObject(edge) ||
    typeof edge.id !== "string" ||
    !topic
  )
    return false;
  const kind = edge.kind as DraftEdge["kind"];
  if (!EDGE_KINDS.includes(kind) || (kind === "subscribes") !== (op.action === "receive")) return false;
  const drafts: DraftEdge[] = [
    kind === "subscribes"
      ? {
          id: edge.id,
          kind,
          source: topic,
          target: nodeId,
          ...(op[X.filter] !== undefined && { filter: op[X.filter] }),
        }
      : { id: edge.id, kind, source: nodeId, target: topic },
  ];
  const reply = isObject(op.reply) ? op.reply : undefined;
  const replyExt = reply?.[X.edge];
  const replyEdge = isObject(replyExt) ? replyExt : undefined;
  const replyTopic = reply && ctx.topicOfChannel.get(refKey(reply.channel, "#/channels") ?? "");
  if (replyEdge && typeof replyEdge.id === "string" && replyTopic)
    drafts.push({ id: replyEdge.id, kind: "replies", source: nodeId, target: replyTopic });
  for (const draft of drafts) {
    if (ctx.edgeIds.has(draft.id)) continue; // the same reply sits on each receive operation of a consumer
    ctx.edgeIds.add(draft.id);
    ctx.edges.push(draft);
  }
  return true;
}

/** The topic an operation's reply goes to, or undefined (reported) when it has none. */
function replyTopic(ctx: ImportContext, path: string, reply: unknown): string | undefined {
  if (!isObject(reply)) return undefined;
  reportUnmappedFields(ctx, `${path}.reply`, reply, ["channel", "messages"]);
  const topic = ctx.topicOfChannel.get(refKey(reply.channel, "#/channels") ?? "");
  if (!topic)
    note(
      ctx,
      `${path}.reply.channel`,
      "the reply names no channel of this document: no replies edge was made",
    );
  return topic;
}

function addConsumer(
  ctx: ImportContext,
  key: string,
  label: string,
  topic: string,
  reply: string | undefined,
): void {
  const id = claimUnique(toId(key), ctx.nodeIds, 64);
  const config = { ...consumerKind.defaults(), group: toGroup(key), action: reply ? "reply" : "process" };
  ctx.nodes.push({ id, kind: "consumer", label: label.slice(0, 200), config });
  addEdge(ctx, "subscribes", topic, id);
  if (reply) addEdge(ctx, "replies", id, reply);
}

/**
 * Maps an operation of any AsyncAPI document: `receive` → a consumer group subscribed to the
 * channel's topic (replying on the reply channel's topic when it has a reply); `send` → one
 * producer per message it sends, and, when it expects a reply, a consumer of the reply topic.
 */
export function mapOperation(ctx: ImportContext, key: string, op: Json): void {
  const path = `operations.${key}`;
  reportUnmappedFields(ctx, path, op, ["action", "channel", "messages", "reply", "title"]);
  const channelKey = refKey(op.channel, "#/channels");
  const topic = ctx.topicOfChannel.get(channelKey ?? "");
  if (!topic)
    return note(ctx, `${path}.channel`, "the operation names no channel of this document: it was not mapped");
  const label = typeof op.title === "string" ? op.title : key;
  const reply = replyTopic(ctx, path, op.reply);
  if (op.action === "receive") return addConsumer(ctx, key, label, topic, reply);
  if (op.action !== "send")
    return note(
      ctx,
      `${path}.action`,
      `action '${String(op.action)}' is neither send nor receive: the operation was not mapped`,
    );

  const channel = deref(ctx.doc, (ctx.doc.channels as Json)[channelKey!]) as Json;
  const listed = Array.isArray(op.messages)
    ? op.messages.map((m, i) => [lastSegment(m), m, `${path}.messages[${i}]`] as const)
    : undefined;
  const all = Object.entries(isObject(channel.messages) ? channel.messages : {}).map(
    ([k, m]) => [k, m, `channels.${channelKey}.messages.${k}`] as const,
  );
  const messages = listed ?? all;
  if (messages.length === 0)
    note(ctx, path, "the operation sends no message: its producer sends an empty object");
  for (const [messageKey, raw, messagePath] of messages.length
    ? messages
    : [[key, { payload: {} }, path] as const]) {
    const message = readMessage(ctx, messagePath, messageKey, raw);
    if (!message) continue;
    const id = claimUnique(toId(messages.length > 1 ? `${key}-${messageKey}` : key), ctx.nodeIds, 64);
    const { partitionKeyPath: _none, ...defaults } = producerKind.defaults();
    const config = {
      ...defaults,
      eventType: message.eventType,
      source: message.source ?? `/${toId(key)}`,
      payloadTemplate: message.payloadTemplate,
    };
    ctx.nodes.push({
      id,
      kind: "producer",
      label: (messages.length > 1 ? `${label} (${messageKey})` : label).slice(0, 200),
      config,
    });
    addEdge(ctx, "publishes", id, topic);
  }
  // The sender of a request receives the reply: a consumer of the reply topic stands for that.
  if (reply) addConsumer(ctx, `${key}.reply`, `${label} (reply)`, reply, undefined);
}
