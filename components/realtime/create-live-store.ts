import { createStore, type StoreApi } from "zustand/vanilla";
import { OUTCOME_NAMES, zeroCounts, type DeliveryRow, type OutcomeCounts } from "@/lib/realtime/protocol";
import { addEdgeCounts, decayEdges } from "./edge-traffic";
import { appendSnapshot } from "./metrics-history";
import { HOLD_CAPACITY, ROW_CAPACITY, type LiveData, type LiveState } from "./live-state";
import { Ring } from "./ring-buffer";

export type LiveStore = StoreApi<LiveState>;

export interface LiveStoreOptions {
  rowCapacity?: number;
  holdCapacity?: number;
}

function bySeq(rows: readonly DeliveryRow[]): readonly DeliveryRow[] {
  for (let i = 1; i < rows.length; i++)
    if (rows[i]!.seq < rows[i - 1]!.seq) return [...rows].sort((a, b) => a.seq - b.seq);
  return rows;
}

function addCounts(into: OutcomeCounts, add: OutcomeCounts): OutcomeCounts {
  const next = { ...into };
  for (const name of OUTCOME_NAMES) next[name] += add[name] ?? 0;
  return next;
}

/** Adds names not yet seen; returns the same array when nothing is new (no re-render). */
function withSeen(list: string[], rows: readonly DeliveryRow[], key: "topic" | "group"): string[] {
  let next: string[] | null = null;
  for (const row of rows) {
    const name = row[key];
    if (name !== undefined && !(next ?? list).includes(name)) (next ??= [...list]).push(name);
  }
  return next ? next.sort() : list;
}

/** Creates the live store of one watched flow (one per designer, provided through context). */
export function createLiveStore(flowId: string, options: LiveStoreOptions = {}): LiveStore {
  const rows = new Ring<DeliveryRow>(options.rowCapacity ?? ROW_CAPACITY);
  const held = new Ring<DeliveryRow>(options.holdCapacity ?? HOLD_CAPACITY);
  const initial: LiveData = {
    flowId,
    connection: "connecting",
    connectionError: null,
    status: null,
    metrics: null,
    history: {},
    edges: {},
    rows,
    rowsVersion: 0,
    paused: false,
    held,
    heldCount: 0,
    heldOverflow: 0,
    totals: zeroCounts(),
    received: zeroCounts(),
    sampledOut: zeroCounts(),
    missed: 0,
    topics: [],
    groups: [],
    controlError: null,
  };

  return createStore<LiveState>()((set, get) => {
    /** Puts rows where the person will see them: the table, or the hold while paused. */
    const take = (incoming: readonly DeliveryRow[]): Partial<LiveData> => {
      const state = get();
      if (incoming.length === 0) return {};
      if (state.paused) {
        state.held.push(incoming);
        return { heldCount: state.held.pushed, heldOverflow: state.held.pushed - state.held.size };
      }
      state.rows.push(incoming);
      return { rowsVersion: state.rowsVersion + 1 };
    };

    return {
      ...initial,
      reset: (snapshot) => {
        const state = get();
        state.rows.clear();
        state.held.clear();
        const recent = bySeq(snapshot.recent);
        set({
          status: snapshot.status,
          metrics: snapshot.metrics,
          history: snapshot.metrics ? appendSnapshot({}, snapshot.metrics, null) : {},
          edges: {},
          heldCount: 0,
          heldOverflow: 0,
          rowsVersion: state.rowsVersion + 1,
          totals: zeroCounts(),
          received: zeroCounts(),
          sampledOut: zeroCounts(),
          missed: 0,
          topics: withSeen([], recent, "topic"),
          groups: withSeen([], recent, "group"),
          connection: "live",
          connectionError: null,
          ...take(recent),
        });
      },
      applyBatches: (batches, nowMs) => {
        if (batches.length === 0) return;
        const state = get();
        let { totals, received, sampledOut, missed, edges, topics, groups } = state;
        const incoming: DeliveryRow[] = [];
        for (const batch of batches) {
          const rows = bySeq(batch.rows);
          for (const row of rows) incoming.push(row);
          const got = zeroCounts();
          for (const row of rows) got[row.outcome]++;
          totals = addCounts(totals, batch.total);
          received = addCounts(received, got);
          sampledOut = addCounts(sampledOut, batch.notSent);
          missed += batch.missed;
          edges = addEdgeCounts(edges, batch.edges, nowMs);
        }
        topics = withSeen(topics, incoming, "topic");
        groups = withSeen(groups, incoming, "group");
        set({ totals, received, sampledOut, missed, edges, topics, groups, ...take(incoming) });
      },
      applyMetrics: (snapshot) => {
        const previous = get().metrics;
        if (previous && snapshot.atMs <= previous.atMs) return;
        set({ metrics: snapshot, history: appendSnapshot(get().history, snapshot, previous) });
      },
      applyStatus: (status) => set({ status }),
      setConnection: (connection, error = null) => set({ connection, connectionError: error }),
      pause: () => {
        if (!get().paused) set({ paused: true, heldCount: 0, heldOverflow: 0 });
      },
      resume: () => {
        const state = get();
        if (!state.paused) return;
        const heldRows = state.held.toArray();
        state.held.clear();
        state.rows.push(heldRows);
        set({ paused: false, heldCount: 0, heldOverflow: 0, rowsVersion: state.rowsVersion + 1 });
      },
      tick: (nowMs) => {
        const edges = get().edges;
        if (Object.keys(edges).length > 0) set({ edges: decayEdges(edges, nowMs) });
      },
      setControlError: (controlError) => set({ controlError }),
    };
  });
}
