import type { DeliveryFilter } from "../events/delivery-filter";
import type { RunStatus } from "../realtime/protocol";
import type { ApiError, FlowRecord, RevisionPage, RunView, ViewLink } from "./flows";
import type { IngestKeySummary, IssuedIngestKey } from "./ingest";
import type { ForecastRequest } from "../scenarios/schema";
import type { ScenarioJob, ScenarioMoment, ScenarioRunSummary } from "./scenarios";

/**
 * The REST API as typed functions, one per endpoint, for the browser (and anything else
 * with `fetch`). Every flow reference is path-encoded here, so no caller builds a URL by hand.
 */

/** A failed API call, with the server's JSON error body. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(body.error);
  }
}

/** Sends JSON, reads JSON; throws ApiRequestError on a non-2xx answer (its body, or a stand-in). */
async function call<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? "GET",
    headers: init.body === undefined ? undefined : { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (response.status === 204) return undefined as T;
  const json = await response.json().catch(() => ({ error: `The server answered ${response.status}` }));
  if (!response.ok) throw new ApiRequestError(response.status, json as ApiError);
  return json as T;
}

/** The path of a flow, reached by its id or a view token. */
const flowPath = (ref: string) => `/api/flows/${encodeURIComponent(ref)}`;

/** POST /api/flows: a new flow (empty when no graph is given). */
export const createFlow = (body: { name?: string; graph?: unknown } = {}) =>
  call<FlowRecord>("/api/flows", { method: "POST", body });

/** GET /api/flows/:ref: the flow as it is now. */
export const getFlow = (ref: string) => call<FlowRecord>(flowPath(ref));

/** PUT /api/flows/:ref: a new version based on `baseVersion` (409 with the current flow if it moved on). */
export const updateFlow = (ref: string, body: { name?: string; graph?: unknown; baseVersion: number }) =>
  call<FlowRecord>(flowPath(ref), { method: "PUT", body });

/** DELETE /api/flows/:ref. */
export const deleteFlow = (ref: string) => call<void>(flowPath(ref), { method: "DELETE" });

/** GET /api/flows/:ref/revisions: one page of saved versions, newest first. */
export function listRevisions(ref: string, page: { limit?: number; before?: number } = {}) {
  const query = new URLSearchParams();
  if (page.limit !== undefined) query.set("limit", String(page.limit));
  if (page.before !== undefined) query.set("before", String(page.before));
  const text = query.toString();
  return call<RevisionPage>(`${flowPath(ref)}/revisions${text ? `?${text}` : ""}`);
}

/** POST /api/flows/:ref/revisions: names the flow as it is now (a version of its own). */
export const nameVersion = (ref: string, label: string) =>
  call<{ version: number; label: string }>(`${flowPath(ref)}/revisions`, {
    method: "POST",
    body: { label },
  });

/** POST /api/flows/:ref/revisions/:version/restore: saves that version as the newest. */
export const restoreRevision = (ref: string, version: number) =>
  call<FlowRecord>(`${flowPath(ref)}/revisions/${encodeURIComponent(String(version))}/restore`, {
    method: "POST",
  });

/** POST /api/flows/:ref/deploy: runs the saved version (a running flow is redeployed by diff). */
export const deployFlow = (ref: string) => call<RunStatus>(`${flowPath(ref)}/deploy`, { method: "POST" });

/** POST /api/flows/:ref/stop. */
export const stopFlow = (ref: string) => call<RunStatus>(`${flowPath(ref)}/stop`, { method: "POST" });

/** GET /api/flows/:ref/run: the run's status and metrics. */
export const getRun = (ref: string) => call<RunView>(`${flowPath(ref)}/run`);

/** POST /api/flows/:ref/view-link: a new read-only link; the previous one stops working. */
export const createViewLink = (ref: string) =>
  call<ViewLink>(`${flowPath(ref)}/view-link`, { method: "POST" });

/** DELETE /api/flows/:ref/view-link: nobody can open the read-only link any more. */
export const removeViewLink = (ref: string) => call<void>(`${flowPath(ref)}/view-link`, { method: "DELETE" });

/** POST /api/flows/:ref/fork: a copy the caller can edit. */
export const forkFlow = (ref: string) => call<FlowRecord>(`${flowPath(ref)}/fork`, { method: "POST" });

/** GET /api/flows/:ref/ingest-keys: the flow's ingest keys (hints and last use, never secrets). */
export const listIngestKeys = (ref: string) => call<IngestKeySummary[]>(`${flowPath(ref)}/ingest-keys`);

/** POST /api/flows/:ref/ingest-keys: a new key; its secret is in this answer and nowhere else. */
export const createIngestKey = (ref: string, name: string) =>
  call<IssuedIngestKey>(`${flowPath(ref)}/ingest-keys`, { method: "POST", body: { name } });

/** POST /api/flows/:ref/ingest-keys/:keyId/rotate: a new secret; the old one stops working. */
export const rotateIngestKey = (ref: string, keyId: string) =>
  call<IssuedIngestKey>(`${flowPath(ref)}/ingest-keys/${encodeURIComponent(keyId)}/rotate`, {
    method: "POST",
  });

/** DELETE /api/flows/:ref/ingest-keys/:keyId: requests with the key are refused from now on. */
export const revokeIngestKey = (ref: string, keyId: string) =>
  call<void>(`${flowPath(ref)}/ingest-keys/${encodeURIComponent(keyId)}`, { method: "DELETE" });

/** GET /api/flows/:ref/events: where the recorded events matching `filter` download as NDJSON. */
export function recordedEventsUrl(ref: string, filter: DeliveryFilter): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter))
    if (value) query.set(key, key === "text" ? value.trim() : value);
  const text = query.toString();
  return `${flowPath(ref)}/events${text ? `?${text}` : ""}`;
}

/** GET /api/flows/:ref/events/:eventId/trace: where one event's causal trace downloads as JSON. */
export const traceUrl = (ref: string, eventId: string) =>
  `${flowPath(ref)}/events/${encodeURIComponent(eventId)}/trace`;

const scenarioPath = (ref: string, scenarioId: string) =>
  `${flowPath(ref)}/scenarios/${encodeURIComponent(scenarioId)}`;

/** POST /api/flows/:ref/scenarios/:scenarioId/runs: runs the saved scenario; poll the job it answers. */
export const startScenarioRun = (ref: string, scenarioId: string, seed?: number) =>
  call<ScenarioJob>(`${scenarioPath(ref, scenarioId)}/runs`, {
    method: "POST",
    body: seed === undefined ? {} : { seed },
  });

/** POST /api/flows/:ref/scenarios/:scenarioId/forecast: the capacity forecast, as a job to poll. */
export const startScenarioForecast = (ref: string, scenarioId: string, forecast?: ForecastRequest) =>
  call<ScenarioJob>(`${scenarioPath(ref, scenarioId)}/forecast`, {
    method: "POST",
    body: forecast === undefined ? {} : { forecast },
  });

/** GET /api/flows/:ref/scenario-jobs/:jobId: a run's or forecast's progress, and its result once done. */
export const getScenarioJob = (ref: string, jobId: string) =>
  call<ScenarioJob>(`${flowPath(ref)}/scenario-jobs/${encodeURIComponent(jobId)}`);

/** DELETE /api/flows/:ref/scenario-jobs/:jobId: stops a run or forecast at its next slice. */
export const cancelScenarioJob = (ref: string, jobId: string) =>
  call<ScenarioJob>(`${flowPath(ref)}/scenario-jobs/${encodeURIComponent(jobId)}`, { method: "DELETE" });

/** GET /api/flows/:ref/scenarios/:scenarioId/runs: the kept results, newest first, each compared with the one before. */
export const listScenarioRuns = (ref: string, scenarioId: string) =>
  call<ScenarioRunSummary[]>(`${scenarioPath(ref, scenarioId)}/runs`);

/** GET /api/flows/:ref/scenarios/:scenarioId/moment: the deliveries around `atMs` of a run, with traces. */
export function getScenarioMoment(
  ref: string,
  scenarioId: string,
  query: { atMs: number; nodeId?: string; seed?: number },
) {
  const params = new URLSearchParams({ atMs: String(query.atMs) });
  if (query.nodeId) params.set("nodeId", query.nodeId);
  if (query.seed !== undefined) params.set("seed", String(query.seed));
  return call<ScenarioMoment>(`${scenarioPath(ref, scenarioId)}/moment?${params}`);
}
