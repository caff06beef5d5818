import { headers, type MsgHdrs } from "@nats-io/transport-node";
import type { EventEnvelope } from "@/lib/events";
import { attributesOf, decodeEvent, type DecodedEvent } from "../cloudevents";

/**
 * How Eventloom lays events out on NATS JetStream. A stream per topic, `<PREFIX>_<flow>_<topic>`,
 * holding the subjects `<prefix>.<flow>.<topic>.<partition>`; a durable pull consumer per
 * consumer group and partition, `g_<group>_p<partition>`, filtered to the partition's subject. Events are CloudEvents in the NATS binding: each attribute as a `ce-<name>`
 * header, the data (JSON) as the body.
 */
export function subjectBase(subjectPrefix: string, flowKey: string, topic: string): string {
  return `${subjectPrefix}.${flowKey}.${topic}`;
}

/** Stream and consumer names may not contain dots: `_` doubles, `.` becomes `_d`, so names never collide. */
export function nameToken(name: string): string {
  return name.replace(/_/g, "__").replace(/\./g, "_d");
}

/** The durable consumer through which `group` reads `partition`. */
export function partitionDurable(group: string, partition: number): string {
  return `g_${nameToken(group)}_p${partition}`;
}

/** The one consumer a group had for every partition before consumers went per partition (migrated from). */
export function legacyDurable(group: string): string {
  return `g_${nameToken(group)}`;
}

export function streamName(streamPrefix: string, flowKey: string, topic: string): string {
  return `${streamPrefix}_${nameToken(flowKey)}_${nameToken(topic)}`;
}

/** The partition a subject `<base>.<n>` addresses, or −1. */
export function partitionOf(subject: string): number {
  const n = Number(subject.slice(subject.lastIndexOf(".") + 1));
  return Number.isInteger(n) && n >= 0 ? n : -1;
}

export function messageHeaders(event: EventEnvelope, runMark: string): MsgHdrs {
  const h = headers();
  const attributes = attributesOf(event, runMark);
  for (const name in attributes) h.set(`ce-${name}`, attributes[name]);
  h.set("content-type", "application/json");
  return h;
}

/** Reads a message's `ce-` headers and body as an event (see decodeEvent for what is required). */
export function decodeMessage(
  hdrs: MsgHdrs | undefined,
  body: string,
  brokerTimeMs: number,
  maxPayloadBytes: number,
): DecodedEvent {
  const attribute = (name: string) => {
    if (!hdrs || !hdrs.has(`ce-${name}`)) return undefined;
    return hdrs.get(`ce-${name}`);
  };
  return decodeEvent(attribute, body, brokerTimeMs, maxPayloadBytes);
}

/** A message as one line of text, for the record of a rejected one. */
export function messageText(subject: string, hdrs: MsgHdrs | undefined, body: string): string {
  const pairs: string[] = [];
  if (hdrs) for (const [key, values] of hdrs) pairs.push(`${key}: ${values.join(",")}`);
  return `${subject} {${pairs.join("; ")}} ${body}`;
}
