import * as z from "../zod";
import { topicKind } from "@/lib/flow";
import { toTopicName, claimUnique, toId } from "./names";
import { note, reportUnmappedFields, type ImportContext } from "./import-context";
import { isObject, deref } from "./refs";
import { X } from "./types";
import { channelSchema, readSavedSchemaFields } from "./topic-schemas";

const schemaOf = (schema: string | undefined) => (schema ? { schema } : {});

const { name: _example, ...DEFAULT_TOPIC } = topicKind.defaults();
const ZNodeId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/));

/**
 * Makes one topic per channel. A channel Eventloom exported keeps its node id (saved beside the
 * partitions, since the channel key is made from the topic's name), partitions,
 * retention, label and position (`x-eventloom-topic`); any other channel gets a valid unique
 * topic name from its address and keeps the original address as the label when it changed.
 */
export function mapChannels(ctx: ImportContext): void {
  const channels = isObject(ctx.doc.channels) ? ctx.doc.channels : {};
  for (const [key, raw] of Object.entries(channels)) {
    const path = `channels.${key}`;
    const channel = deref(ctx.doc, raw);
    if (!isObject(channel)) {
      note(ctx, path, "the channel is not an object or its $ref does not resolve inside the document");
      continue;
    }
    const address = typeof channel.address === "string" ? channel.address : key;
    if (typeof channel.address !== "string")
      note(
        ctx,
        `${path}.address`,
        `the channel has no fixed address: the topic is named after the key '${key}'`,
      );
    const ext = channel[X.topic];
    const saved = isObject(ext) ? ext : undefined;
    const name = claimUnique(toTopicName(address), ctx.topicNames, 80);
    const savedId =
      typeof saved?.id === "string" && ZNodeId.safeParse(saved.id).success ? saved.id : undefined;
    const id = claimUnique(savedId ?? toId(key), ctx.nodeIds, 64);
    const title = typeof channel.title === "string" ? channel.title : undefined;
    const label = saved
      ? (saved.label as string | undefined)
      : name !== address
        ? address.slice(0, 200)
        : title;
    const config = saved
      ? { name, partitions: saved.partitions, retention: saved.retention, ...readSavedSchemaFields(saved) }
      : { name, ...structuredClone(DEFAULT_TOPIC), ...schemaOf(channelSchema(ctx, path, channel)) };
    const position =
      saved && isObject(saved.position) ? (saved.position as { x: number; y: number }) : undefined;
    ctx.nodes.push({
      id,
      kind: "topic",
      ...(label !== undefined && { label }),
      ...(position && { position }),
      config,
    });
    ctx.topicOfChannel.set(key, id);
    reportUnmappedFields(ctx, path, channel, ["address", "title", "messages"]);
  }
}
