// Which flows browsers on the OTHER servers of a cluster watch. Each server says every
// WATCHING_EVERY_MS which flows its own sockets watch; the owner of a run sends its batches,
// metrics and statuses through the Socket.IO adapter as long as someone, anywhere, watches.

/** How often a server tells the others what its browsers watch. */
export const WATCHING_EVERY_MS = 1000;
/** A server's word holds this long: past it (the server died, or stopped watching), it is forgotten. */
export const WATCHING_HOLDS_MS = 3500;

/** What one server's browsers watch of one flow: as editors, and/or through a view link. */
export interface WatchedFlow {
  flowId: string;
  editors: boolean;
  /** The view token its viewers joined with; the owner addresses them by it. */
  viewRef?: string;
}

/** What a server tells the others (`io.serverSideEmit("watching", …)`). */
export interface Watching {
  server: string;
  flows: WatchedFlow[];
}

/** At most this many flows in one server's word: more is cut, never trusted past the bound. */
export const MAX_WATCHED_FLOWS = 10_000;

export function remoteWatchers(now: () => number) {
  const byServer = new Map<string, { until: number; flows: Map<string, WatchedFlow> }>();
  const live = () => {
    const t = now();
    for (const [server, entry] of byServer) if (entry.until <= t) byServer.delete(server);
    return byServer.values();
  };
  return {
    heard(word: Watching) {
      if (typeof word?.server !== "string" || !Array.isArray(word.flows)) return;
      const flows = new Map<string, WatchedFlow>();
      for (const f of word.flows.slice(0, MAX_WATCHED_FLOWS)) {
        if (typeof f?.flowId !== "string") continue;
        flows.set(f.flowId, {
          flowId: f.flowId,
          editors: f.editors === true,
          ...(typeof f.viewRef === "string" ? { viewRef: f.viewRef } : {}),
        });
      }
      byServer.set(word.server, { until: now() + WATCHING_HOLDS_MS, flows });
    },
    /** Whether another server has editors of the flow, and the view token of its viewers, if any. */
    of(flowId: string): { editors: boolean; viewRef?: string } {
      let editors = false;
      let viewRef: string | undefined;
      for (const { flows } of live()) {
        const f = flows.get(flowId);
        if (!f) continue;
        editors ||= f.editors;
        viewRef ??= f.viewRef;
      }
      return { editors, ...(viewRef ? { viewRef } : {}) };
    },
    /** Every flow some other server watches. */
    flows(): Set<string> {
      const out = new Set<string>();
      for (const { flows } of live()) for (const id of flows.keys()) out.add(id);
      return out;
    },
  };
}
export type RemoteWatchers = ReturnType<typeof remoteWatchers>;
