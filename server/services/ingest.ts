import { randomBytes } from "node:crypto";
import type { IngestAnswer } from "@/lib/api/ingest";
import { parseIngestRequest, type IngestMode } from "@/lib/ingest/http-binding";
import type { FlowRun } from "../runtime";
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
      const parsed = parseIngestRequest({
        headers: input.headers,
        body: input.body,
        topic: input.topic,
        nowMs: Date.now(),
        newId: () => randomBytes(12).toString("base64url"),
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
      const published = run.publish(topicNode!.id, parsed.events);
      if (!published.ok) {
        if (published.error.code === "rate-capped")
          return refuse(429, "The flow's cap on events per second is reached: send again in a moment", {
            flowId,
            mode: parsed.mode,
            headers: { "Retry-After": "1" },
          });
        return refuse(409, "The flow is not running: deploy it, then send again", { flowId });
      }
      return {
        status: 202,
        flowId,
        mode: parsed.mode,
        body: {
          topic: input.topic,
          accepted: published.value.map((p, i) => ({ id: parsed.events[i].event.id, ...p })),
        },
      };
    },
  };
}
export type IngestService = ReturnType<typeof ingestService>;
