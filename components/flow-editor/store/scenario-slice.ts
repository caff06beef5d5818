import type { StateCreator } from "zustand";
import type { ScenarioJob, ScenarioMoment, ScenarioRunSummary } from "@/lib/api/scenarios";
import type { EditorState } from "./editor-state";

export type SidePanel = "properties" | "scenarios";
export type ScenarioTab = "design" | "results" | "forecast";
export type JobKind = ScenarioJob["kind"];

/** A run or forecast this person started: the job as last polled, or why it could not start or finish. */
export interface JobState {
  job: ScenarioJob | null;
  error: string | null;
  /** The problems the server named when it refused to start (paths into the flow). */
  issues?: { path: string; message: string }[];
}

/** The deliveries around a moment of a run, being fetched or shown. */
export interface MomentState {
  scenarioId: string;
  atMs: number;
  nodeId?: string;
  seed: number;
  view: ScenarioMoment | null;
  error: string | null;
}

/**
 * What the Scenarios panel shows and the runs it follows; none of it is part of the flow (the
 * scenarios themselves are in the graph). Kept here so a run goes on being followed while the
 * panel is closed or the person looks at a node's properties.
 */
export interface ScenarioSlice {
  sidePanel: SidePanel;
  scenarioId: string | null;
  scenarioTab: ScenarioTab;
  /** By `${kind}:${scenarioId}`. */
  jobs: Record<string, JobState>;
  /** The kept runs of each scenario, newest first. */
  runHistory: Record<string, ScenarioRunSummary[]>;
  /** Which kept run the results show (absent: the newest). */
  viewedRun: Record<string, string>;
  moment: MomentState | null;
  showSidePanel: (panel: SidePanel) => void;
  chooseScenario: (id: string | null, tab?: ScenarioTab) => void;
  setScenarioTab: (tab: ScenarioTab) => void;
  setJob: (kind: JobKind, scenarioId: string, job: JobState) => void;
  setRunHistory: (scenarioId: string, runs: ScenarioRunSummary[]) => void;
  viewRun: (scenarioId: string, runId: string) => void;
  setMoment: (moment: MomentState | null) => void;
}

export const jobKey = (kind: JobKind, scenarioId: string) => `${kind}:${scenarioId}`;

export const createScenarioSlice: StateCreator<EditorState, [], [], ScenarioSlice> = (set, get) => ({
  sidePanel: "properties",
  scenarioId: null,
  scenarioTab: "design",
  jobs: {},
  runHistory: {},
  viewedRun: {},
  moment: null,
  showSidePanel: (sidePanel) => set({ sidePanel, panelOpen: true }),
  chooseScenario: (scenarioId, tab) => set({ scenarioId, scenarioTab: tab ?? get().scenarioTab }),
  setScenarioTab: (scenarioTab) => set({ scenarioTab }),
  setJob: (kind, scenarioId, job) => set({ jobs: { ...get().jobs, [jobKey(kind, scenarioId)]: job } }),
  setRunHistory: (scenarioId, runs) => {
    const { [scenarioId]: _dropped, ...viewed } = get().viewedRun;
    set({ runHistory: { ...get().runHistory, [scenarioId]: runs }, viewedRun: viewed });
  },
  viewRun: (scenarioId, runId) => set({ viewedRun: { ...get().viewedRun, [scenarioId]: runId } }),
  setMoment: (moment) => set({ moment }),
});
