import {
  ApiRequestError,
  cancelScenarioJob,
  getScenarioJob,
  getScenarioMoment,
  listScenarioRuns,
  startScenarioForecast,
  startScenarioRun,
} from "@/lib/api/client";
import type { ScenarioJob } from "@/lib/api/scenarios";
import type { EditorStore } from "../store/create-editor-store";
import { jobKey, type JobKind } from "../store/scenario-slice";
import { followJob } from "./scenario-jobs";

const messageOf = (error: unknown) =>
  error instanceof ApiRequestError
    ? { error: error.body.error, issues: error.body.issues }
    : { error: `The server could not be reached: ${(error as Error).message}. Try again.` };

/** Fetches the kept runs of a scenario (newest first) into the store. */
export async function loadRunHistory(store: EditorStore, scenarioId: string): Promise<void> {
  const s = store.getState();
  try {
    s.setRunHistory(scenarioId, await listScenarioRuns(s.flowId, scenarioId));
  } catch {
    // The results stay as they were; the next run fetches them again.
  }
}

/**
 * Starts a run or forecast of the saved scenario and follows it to the end. A finished run is
 * kept by the server, so the kept runs are fetched again and the results shown.
 */
export async function startJob(store: EditorStore, kind: JobKind, scenarioId: string): Promise<void> {
  const s = store.getState();
  const key = jobKey(kind, scenarioId);
  if (s.jobs[key]?.job?.state === "running") return;
  s.setJob(kind, scenarioId, { job: null, error: null });
  // The panel shows the first scenario until one is chosen: the one run is the one shown.
  if (s.scenarioId === null) s.chooseScenario(scenarioId);
  let job: ScenarioJob;
  try {
    job = await (kind === "run"
      ? startScenarioRun(s.flowId, scenarioId)
      : startScenarioForecast(s.flowId, scenarioId));
    job = await followJob(
      job,
      (id) => getScenarioJob(s.flowId, id),
      (update) => store.getState().setJob(kind, scenarioId, { job: update, error: null }),
    );
  } catch (error) {
    store
      .getState()
      .setJob(kind, scenarioId, { job: store.getState().jobs[key]?.job ?? null, ...messageOf(error) });
    return;
  }
  if (kind === "run" && job.state === "done") {
    await loadRunHistory(store, scenarioId);
    if (store.getState().scenarioId === scenarioId) store.getState().setScenarioTab("results");
  }
}

/** Asks the server to stop the job at its next slice; the polling sees it end. */
export async function cancelJob(store: EditorStore, kind: JobKind, scenarioId: string): Promise<void> {
  const s = store.getState();
  const job = s.jobs[jobKey(kind, scenarioId)]?.job;
  if (!job || job.state !== "running") return;
  try {
    await cancelScenarioJob(s.flowId, job.id);
  } catch (error) {
    store.getState().setJob(kind, scenarioId, { job, ...messageOf(error) });
  }
}

/** Replays the run to `atMs` on the server and shows the deliveries around it with their traces. */
export async function openMoment(
  store: EditorStore,
  query: { scenarioId: string; atMs: number; nodeId?: string; seed: number },
): Promise<void> {
  const { setMoment, flowId } = store.getState();
  setMoment({ ...query, view: null, error: null });
  const current = () => store.getState().moment;
  try {
    const view = await getScenarioMoment(flowId, query.scenarioId, query);
    if (current()?.atMs === query.atMs) setMoment({ ...query, view, error: null });
  } catch (error) {
    if (current()?.atMs === query.atMs) setMoment({ ...query, view: null, error: messageOf(error).error });
  }
}
