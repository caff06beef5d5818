import { randomBytes } from "node:crypto";
import type { ProduceInput, ProducedEvent } from "@/lib/api/produce";
import { readEvent, type AttributeIssue } from "@/lib/ingest/attributes";
import { MAX_JSON_DEPTH, valueDepth } from "@/lib/json/depth";
import type { FlowRun } from "../runtime";
import { failure, success, type ServiceResult } from "./result";
import { schemaVerdict } from "./schema-gate";

/** What a hand-made event may weigh: the run's payload cap. */
export interface ProduceLimits {
  maxPayloadBytes: number;
}

/**
 * Publishes one event made by hand into a topic of a running flow: the form's attributes over
 * those of the event being re-produced (a new id; `causationid` the original, the original's
 * conversation and trace kept), checked as ingest checks events. Access is checked by the caller.
 */
export function produceEvent(
  run: FlowRun,
  input: ProduceInput,
  limits: ProduceLimits,
  nowMs = Date.now(),
): ServiceResult<ProducedEvent> {
  if (run.status !== "running") return failure(409, "The flow is not running: deploy it, then produce again");
  const topicNode = run.graph.nodes.find((n) => n.id === input.topicId);
  if (!topicNode || topicNode.kind !== "topic")
    return failure(404, `This flow has no topic '${input.topicId}'`);
  const topic = topicNode.config.name;
  const original = input.reproduceOf !== undefined ? run.getEvent(input.reproduceOf) : undefined;
  if (input.reproduceOf !== undefined && !original)
    return failure(404, "The event to re-produce is no longer held (beyond retention and history)");
  if (valueDepth(input.data, MAX_JSON_DEPTH) > MAX_JSON_DEPTH)
    return failure(400, `The data nests deeper than ${MAX_JSON_DEPTH} levels`, {
      issues: [{ path: "data", message: `nests deeper than ${MAX_JSON_DEPTH} levels` }],
    });
  const size = Buffer.byteLength(JSON.stringify(input.data ?? null));
  if (size > limits.maxPayloadBytes)
    return failure(413, `The data is ${size} bytes; the flow takes at most ${limits.maxPayloadBytes}`);
  const id = randomBytes(12).toString("base64url");
  const attributes: Record<string, unknown> = {
    ...input.extensions,
    specversion: "1.0",
    id,
    source: input.source ?? original?.source ?? `/eventloom/produce/${topic}`,
    type: input.type ?? original?.type ?? "eventloom.produced",
    data: input.data ?? null,
  };
  const subject = input.subject ?? original?.subject;
  if (subject) attributes.subject = subject;
  if (input.partitionKey) attributes.partitionkey = input.partitionKey;
  if (original) {
    attributes.causationid = original.id;
    attributes.correlationid = original.correlationid;
    if (original.traceparent) attributes.traceparent = original.traceparent;
    if (original.tracestate) attributes.tracestate = original.tracestate;
  }
  const issues: AttributeIssue[] = [];
  const read = readEvent(attributes, { at: "", nowMs }, issues);
  if (!read)
    return failure(400, `The event is not valid: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, {
      issues,
    });
  const verdict = schemaVerdict(run.graph, topicNode, [read], {
    prefix: () => "",
    newId: () => randomBytes(12).toString("base64url"),
    nowMs,
  });
  if (verdict.kind === "reject") return failure(422, verdict.error, { issues: verdict.issues });
  const [into, sent] = verdict.kind === "dead-letter" ? [verdict, verdict.letters.get(0)!] : [null, read];
  const published = run.publish(into ? into.topicId : topicNode.id, [sent]);
  if (!published.ok)
    return published.error.code === "rate-capped"
      ? failure(429, "The flow's cap on events per second is reached: produce again in a moment")
      : failure(409, "The flow is not running: deploy it, then produce again");
  const [placed] = published.value;
  return success({
    id: sent.event.id,
    topic: into ? into.topic : topic,
    partition: placed.partition,
    offset: placed.offset,
    ...(into ? { deadLettered: true } : {}),
  });
}
