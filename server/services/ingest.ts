import { randomBytes } from "node:crypto";
import type { IngestAnswer } from "@/lib/api/ingest";
import { parseIngestRequest, type IngestMode } from "@/lib/ingest/http-binding";
import type { FlowRun, Placement } from "../runtime";
import type { IncomingEvent } from "@/lib/ingest/attributes";
import type { FlowNode } from "@/lib/flow";
import { schemaVerdict } from "./schema-gate";

type TopicNode = Extract<FlowNode, { kind: "topic" }>;
import type { IngestKeyService } from "./ingest-keys";
import { FLOW_REF_SHAPES } from "./access";

export interface IngestLimits {
  maxPayloadBytes: number;
  maxBatch: number;
}

/** One HTTP ingest request, as the HTTP adapter read it. */
export interface IngestInput {
  topic: string;
  authorization: string | undefined;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: string;
}

/** The answer to send: status, JSON body and extra headers; `flowId`/`mode` for metrics and logs. */
export interface IngestOutcome {
  status: 202 | 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429;
  body: IngestAnswer | { error: string; issues?: { path: string; message: string }[]; items?: number[] };
  headers?: Record<string, string>;
  flowId?: string;
  mode?: IngestMode;
}

/** What ingest needs of the run registry. */
export interface IngestRuns {
  run(flowId: string): FlowRun | undefined;
}

const refuse = (status: IngestOutcome["status"], error: string, extra: Partial<IngestOutcome> = {}) => ({
  status,
  body: { error },
  ...extra,
});

/**
 * HTTP ingest: checks the key, finds the topic in the flow's run, reads the events per the
 * CloudEvents HTTP binding and publishes them through the run, all or none. Every refusal is
 * a 4xx naming what to change; nothing a sender does can make it throw.
 */
export function ingestService(keys: IngestKeyService, runs: IngestRuns, limits: IngestLimits) {
  return {
    async ingest(input: IngestInput): Promise<IngestOutcome> {
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(input.authorization ?? "")?.[1];
      const challenge = { headers: { "WWW-Authenticate": 'Bearer realm="eventloom-ingest"' } };
      if (!bearer)
        return refuse(
          401,
          "Send an ingest key as 'Authorization: Bearer elk_…' (create one in the topic panel)",
          challenge,
        );
      if (FLOW_REF_SHAPES.some((shape) => shape.test(bearer)))
        return refuse(
          403,
          "This is a flow link, not an ingest key: links never grant ingest. Create an ingest key in the topic panel",
        );
      const key = await keys.verify(bearer);
      if (!key)
        return refuse(401, "This ingest key is not valid: it may have been rotated or revoked", challenge);
      const flowId = key.flowId;
      const run = runs.run(flowId);
      const topicNode = run?.graph.nodes.find((n) => n.kind === "topic" && n.config.name === input.topic);
      if (run && !topicNode) return refuse(404, `This flow has no topic '${input.topic}'`, { flowId });
      if (!run || run.status !== "running")
        return refuse(409, "The flow is not running: deploy it, then send again", { flowId });
      const newId = () => randomBytes(12).toString("base64url");
      const parsed = parseIngestRequest({
        headers: input.headers,
        body: input.body,
        topic: input.topic,
        nowMs: Date.now(),
        newId,
        maxPayloadBytes: limits.maxPayloadBytes,
        maxBatch: limits.maxBatch,
      });
      if (!parsed.ok) {
        const { status, error, issues, items } = parsed;
        return {
          status,
          body: { error, ...(issues ? { issues } : {}), ...(items ? { items } : {}) },
          flowId,
        };
      }
      const verdict = schemaVerdict(run.graph, topicNode as TopicNode, parsed.events, {
        prefix: (i) => (parsed.mode === "batch" ? `[${i}].` : ""),
        newId,
        nowMs: Date.now(),
      });
      if (verdict.kind === "reject") {
        const { error, issues, items } = verdict;
        return {
          status: 422,
          body: { error, issues, ...(parsed.mode === "batch" ? { items } : {}) },
          flowId,
          mode: parsed.mode,
        };
      }
      const letters = verdict.kind === "dead-letter" ? verdict.letters : undefined;
      const kept = letters ? parsed.events.filter((_, i) => !letters.has(i)) : parsed.events;
      const published = publishAll(run, [
        [topicNode!.id, kept],
        ...(letters && verdict.kind === "dead-letter"
          ? [[verdict.topicId, [...letters.values()]] as [string, IncomingEvent[]]]
          : []),
      ]);
      if (!published.ok) {
        if (published.error.code === "rate-capped")
          return refuse(429, "The flow's cap on events per second is reached: send again in a moment", {
            flowId,
            mode: parsed.mode,
            headers: { "Retry-After": "1" },
          });
        return refuse(409, "The flow is not running: deploy it, then send again", { flowId });
      }
      const [placed, lettered = []] = published.value;
      let k = 0;
      let d = 0;
      return {
        status: 202,
        flowId,
        mode: parsed.mode,
        body: {
          topic: input.topic,
          accepted: parsed.events.map(({ event }, i) =>
            letters?.has(i) && verdict.kind === "dead-letter"
              ? { id: event.id, ...lettered[d++], deadLetteredTo: verdict.topic }
              : { id: event.id, ...placed[k++] },
          ),
        },
      };
    },
  };
}
export type IngestService = ReturnType<typeof ingestService>;

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
