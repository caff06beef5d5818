import type { IngestAnswer } from "@/lib/api/ingest";
import type { ApiError } from "@/lib/api/flows";
import { parseIngestRequest, type IngestMode } from "@/lib/ingest/http-binding";
import type { IncomingEvent } from "@/lib/ingest/attributes";
import type { FlowRun } from "../runtime";
import { looksLikeIngestKey, type IngestKeyService, type VerifiedKey } from "./ingest-keys";
import { FLOW_REF_SHAPES } from "./access";
import { ingestTarget, newEventId, publishIngested } from "./ingest-publish";
import type { FailureStatus, ServiceResult } from "./result";

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
  status: 202 | 401 | 415 | FailureStatus;
  body: IngestAnswer | ApiError;
  headers?: Record<string, string>;
  flowId?: string;
  mode?: IngestMode;
}

/** What ingest needs of the run registry. */
export interface IngestRuns {
  run(flowId: string): FlowRun | undefined;
}

/**
 * Carries checked events to the run's owner in a cluster and answers what it answered (or 503
 * when it does not answer); the flow id is the one of a verified ingest key.
 */
export type IngestForward = (
  flowId: string,
  topic: string,
  events: IncomingEvent[],
  mode: IngestMode,
) => Promise<ServiceResult<IngestAnswer>>;

const challenge = () => ({ headers: { "WWW-Authenticate": 'Bearer realm="eventloom-ingest"' } });

const refuse = (status: IngestOutcome["status"], error: string, extra: Partial<IngestOutcome> = {}) => ({
  status,
  body: { error },
  ...extra,
});

/** The answer of publishing (here or on the run's owner) as the HTTP answer. */
function toOutcome(result: ServiceResult<IngestAnswer>, flowId: string, mode?: IngestMode): IngestOutcome {
  if (result.ok) return { status: 202, body: result.value, flowId, mode };
  return {
    status: result.status,
    body: result.body,
    flowId,
    mode,
    ...(result.status === 429 ? { headers: { "Retry-After": "1" } } : {}),
  };
}

/**
 * HTTP ingest: checks the key, finds the topic in the flow's run, reads the events per the
 * CloudEvents HTTP binding and publishes them through the run, all or none. Every refusal is
 * a 4xx naming what to change; nothing a sender does can make it throw. In a cluster
 * (`forward`), events for a run this server does not run go to the server that owns it.
 */
export function ingestService(
  keys: IngestKeyService,
  runs: IngestRuns,
  limits: IngestLimits,
  forward?: IngestForward,
) {
  const parse = (input: IngestInput) =>
    parseIngestRequest({
      headers: input.headers,
      body: input.body,
      topic: input.topic,
      nowMs: Date.now(),
      newId: newEventId,
      maxPayloadBytes: limits.maxPayloadBytes,
      maxBatch: limits.maxBatch,
    });
  type Parsed = ReturnType<typeof parse>;
  const parseRefusal = (parsed: Extract<Parsed, { ok: false }>, flowId: string): IngestOutcome => {
    const { status, error, issues, items } = parsed;
    return { status, body: { error, ...(issues ? { issues } : {}), ...(items ? { items } : {}) }, flowId };
  };
  /** Read here, published by the owner: the events travel checked and bounded. */
  async function forwarded(to: IngestForward, flowId: string, input: IngestInput): Promise<IngestOutcome> {
    const parsed = parse(input);
    if (!parsed.ok) return parseRefusal(parsed, flowId);
    return toOutcome(await to(flowId, input.topic, parsed.events, parsed.mode), flowId, parsed.mode);
  }

  /** The request once its key is checked. */
  function withKey(key: VerifiedKey | null, input: IngestInput): IngestOutcome | Promise<IngestOutcome> {
    if (!key)
      return refuse(401, "This ingest key is not valid: it may have been rotated or revoked", challenge());
    const flowId = key.flowId;
    const run = runs.run(flowId);
    if (forward && run?.status !== "running") return forwarded(forward, flowId, input);
    const target = ingestTarget(run, input.topic);
    if (!target.ok) return toOutcome(target, flowId);
    const parsed = parse(input);
    if (!parsed.ok) return parseRefusal(parsed, flowId);
    return toOutcome(publishIngested(target.value, parsed.events, parsed.mode), flowId, parsed.mode);
  }

  return {
    /** The answer; synchronous when the key is in the cache and the run is here (the hot path). */
    ingest(input: IngestInput): IngestOutcome | Promise<IngestOutcome> {
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(input.authorization ?? "")?.[1];
      if (!bearer)
        return refuse(
          401,
          "Send an ingest key as 'Authorization: Bearer elk_…' (create one in the topic panel)",
          challenge(),
        );
      // A key's shape (elk_ and 43 characters) is never a flow link's: only other tokens are tested.
      if (!looksLikeIngestKey(bearer) && FLOW_REF_SHAPES.some((shape) => shape.test(bearer)))
        return refuse(
          403,
          "This is a flow link, not an ingest key: links never grant ingest. Create an ingest key in the topic panel",
        );
      const key = keys.verify(bearer);
      return key instanceof Promise ? key.then((found) => withKey(found, input)) : withKey(key, input);
    },
  };
}
export type IngestService = ReturnType<typeof ingestService>;
