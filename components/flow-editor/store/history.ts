/**
 * Undo/redo over immutable snapshots. Graphs are replaced, never mutated, so a snapshot is
 * one reference and unchanged nodes are shared between snapshots.
 */
export interface History<T> {
  past: readonly T[];
  future: readonly T[];
}

/** How many steps back a person can go; older ones are dropped. */
export const HISTORY_LIMIT = 200;

export function emptyHistory<T>(): History<T> {
  return { past: [], future: [] };
}

/** Records `before` as the state to return to; a new change forgets what was undone. */
export function record<T>(history: History<T>, before: T): History<T> {
  const past = history.past.length >= HISTORY_LIMIT ? history.past.slice(1) : history.past;
  return { past: [...past, before], future: [] };
}

/** Steps back from `present`; null when there is nothing to undo. */
export function undo<T>(history: History<T>, present: T): { history: History<T>; present: T } | null {
  if (history.past.length === 0) return null;
  const previous = history.past[history.past.length - 1];
  return {
    history: { past: history.past.slice(0, -1), future: [present, ...history.future] },
    present: previous,
  };
}

/** Steps forward again; null when nothing was undone. */
export function redo<T>(history: History<T>, present: T): { history: History<T>; present: T } | null {
  if (history.future.length === 0) return null;
  const [next, ...rest] = history.future;
  return { history: { past: [...history.past, present], future: rest }, present: next };
}
