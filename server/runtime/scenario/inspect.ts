import type { DeliveryRow } from "@/lib/events/delivery";
import type { EventEnvelope } from "@/lib/events";
import { fail, ok, type ControlResult } from "../errors";
import type { FlowRun } from "../run/flow-run";
import { runScenario } from "./run-scenario";

/** The deliveries around one moment of a scenario run, and the causal trace of a few of them. */
export interface MomentView {
  atMs: number;
  fromMs: number;
  toMs: number;
  records: DeliveryRow[];
  traces: { eventId: string; events: EventEnvelope[]; records: DeliveryRow[] }[];
}

const BEFORE_MS = 2_000;
const AFTER_MS = 1_000;
const MAX_RECORDS = 300;
const MAX_TRACES = 5;
const HISTORY = 50_000;

/** Failures first, then the deliveries nearest the moment: what a person looks at to see what went wrong. */
function pickTraced(records: DeliveryRow[], atMs: number): string[] {
  const rank = (r: DeliveryRow) =>
    r.outcome === "dead-lettered" || r.outcome === "dropped" ? 0 : r.outcome === "failed" ? 1 : 2;
  const sorted = [...records].sort(
    (a, b) => rank(a) - rank(b) || Math.abs(a.atMs - atMs) - Math.abs(b.atMs - atMs) || a.seq - b.seq,
  );
  return [...new Set(sorted.map((r) => r.eventId))].slice(0, MAX_TRACES);
}

function traceOf(run: FlowRun, eventId: string) {
  const correlationId = run.history.query({ eventId, limit: 1 })[0]?.correlationId;
  const records = correlationId ? run.history.query({ correlationId, limit: 500 }) : [];
  const ids = new Set([eventId, ...records.map((r) => r.eventId)]);
  const events = [...ids].map((id) => run.getEvent(id)).filter((e): e is EventEnvelope => e !== undefined);
  return { eventId, events, records };
}

/**
 * Replays a scenario (same flow, same seed: the same run) with delivery records on, up to
 * just after `atMs`, and returns the deliveries of the 3 s around it (of `nodeId` when
 * given: a consumer, producer or topic) with the causal traces of up to five of them.
 * Memory is the record history (50,000 records), whatever the moment.
 */
export async function inspectScenarioAt(
  graph: unknown,
  scenarioRef: string,
  atMs: number,
  options: {
    seed?: number;
    nodeId?: string;
    signal?: { readonly aborted: boolean };
    maxEvents?: number;
  } = {},
): Promise<ControlResult<MomentView>> {
  let view: MomentView | undefined;
  const fromMs = Math.max(0, atMs - BEFORE_MS);
  const toMs = atMs + AFTER_MS;
  const run = await runScenario(graph, scenarioRef, {
    seed: options.seed,
    signal: options.signal,
    maxEvents: options.maxEvents,
    runOptions: { recordsEnabled: true, historySize: HISTORY },
    stopAt: {
      atMs: toMs,
      then: (live) => {
        const inWindow = live.history
          .query({ nodeId: options.nodeId, limit: HISTORY })
          .filter((r) => r.atMs >= fromMs && r.atMs <= toMs);
        const records = inWindow.slice(-MAX_RECORDS);
        view = {
          atMs,
          fromMs,
          toMs,
          records,
          traces: pickTraced(records, atMs).map((id) => traceOf(live, id)),
        };
      },
    },
  });
  if (!run.ok) return run;
  if (!view) return fail("bad-argument", `the scenario ends before ${atMs} ms`);
  return ok(view);
}
