import { randomBytes } from "node:crypto";
import type { AcceptedEvent, IngestAnswer } from "@/lib/api/ingest";
import type { FlowNode } from "@/lib/flow";
import type { IngestMode } from "@/lib/ingest/http-binding";
import type { IncomingEvent } from "@/lib/ingest/attributes";
import type { FlowRun, Placement } from "../runtime";
import { failure, success, type ServiceResult } from "./result";
import { schemaVerdict } from "./schema-gate";

type TopicNode = Extract<FlowNode, { kind: "topic" }>;

export const newEventId = () => randomBytes(12).toString("base64url");

const NOT_RUNNING = "The flow is not running: deploy it, then send again";

/** The running run and its topic named `topic` that ingested events go into, or why there is none. */
export function ingestTarget(
  run: FlowRun | undefined,
  topic: string,
): ServiceResult<{ run: FlowRun; topicNode: TopicNode }> {
  const topicNode = run?.graph.nodes.find((n) => n.kind === "topic" && n.config.name === topic);
  if (run && !topicNode) return failure(404, `This flow has no topic '${topic}'`);
  if (!run || run.status !== "running") return failure(409, NOT_RUNNING);
  return success({ run, topicNode: topicNode as TopicNode });
}

/**
 * Publishes events that were read and checked by the ingest binding into a topic of the run,
 * all or none: the topic's schema first (refused, or breaking events to its dead-letter topic),
 * then the run's event cap. The answer names each event's partition and offset.
 */
export function publishIngested(
  { run, topicNode }: { run: FlowRun; topicNode: TopicNode },
  events: IncomingEvent[],
  mode: IngestMode,
): ServiceResult<IngestAnswer> {
  const verdict = schemaVerdict(run.graph, topicNode, events, {
    prefix: mode === "batch" ? batchPrefix : noPrefix,
    newId: newEventId,
    nowMs: Date.now(),
  });
  if (verdict.kind === "pass") {
    // No schema, or every event passes it: the whole request goes to the topic.
    const published = run.publish(topicNode.id, events);
    if (!published.ok) return refusal(published.error.code);
    const placed = published.value;
    const accepted: AcceptedEvent[] = new Array(events.length);
    for (let i = 0; i < events.length; i++)
      accepted[i] = { id: events[i].event.id, partition: placed[i].partition, offset: placed[i].offset };
    return success({ topic: topicNode.config.name, accepted });
  }
  if (verdict.kind === "reject") {
    const { error, issues, items } = verdict;
    return failure(422, error, { issues, ...(mode === "batch" ? { items } : {}) });
  }
  const letters = verdict.kind === "dead-letter" ? verdict.letters : undefined;
  const kept = letters ? events.filter((_, i) => !letters.has(i)) : events;
  const published = publishAll(run, [
    [topicNode.id, kept],
    ...(letters && verdict.kind === "dead-letter"
      ? [[verdict.topicId, [...letters.values()]] as [string, IncomingEvent[]]]
      : []),
  ]);
  if (!published.ok) return refusal(published.error.code);
  const [placed, lettered = []] = published.value;
  let k = 0;
  let d = 0;
  return success({
    topic: topicNode.config.name,
    accepted: events.map(({ event }, i) =>
      letters?.has(i) && verdict.kind === "dead-letter"
        ? { id: event.id, ...lettered[d++], deadLetteredTo: verdict.topic }
        : { id: event.id, ...placed[k++] },
    ),
  });
}

const batchPrefix = (i: number) => `[${i}].`;
const noPrefix = () => "";

/** Why the run refused to publish, as the HTTP answer. */
const refusal = (code: string) =>
  code === "rate-capped"
    ? failure(429, "The flow's cap on events per second is reached: send again in a moment")
    : failure(409, NOT_RUNNING);

/**
 * Publishes into the topic and, for events breaking its schema, its dead-letter topic; the
 * placements come back per part. Each part is admitted against the event cap on its own: when
 * the cap is reached between the two (within one second), the answer is 429 though the first
 * part was published.
 */
function publishAll(run: FlowRun, parts: [string, IncomingEvent[]][]) {
  const nonEmpty = parts.filter(([, events]) => events.length > 0);
  if (nonEmpty.length <= 1) {
    const [topicId, events] = nonEmpty[0] ?? parts[0];
    const one = run.publish(topicId, events);
    if (!one.ok) return one;
    return { ok: true as const, value: parts.map(([id]) => (id === topicId ? one.value : [])) };
  }
  const value: Placement[][] = [];
  for (const [topicId, events] of parts) {
    const result = run.publish(topicId, events);
    if (!result.ok) return result;
    value.push(result.value);
  }
  return { ok: true as const, value };
}
