/** Flows this browser created or opened, newest first, kept in localStorage. */
export interface RecentFlow {
  id: string;
  name: string;
  openedAt: number;
}

const KEY = "eventloom.recentFlows";
const MAX = 50;

function isRecent(value: unknown): value is RecentFlow {
  const v = value as RecentFlow;
  return !!v && typeof v.id === "string" && typeof v.name === "string" && typeof v.openedAt === "number";
}

export function loadRecentFlows(storage: Storage = localStorage): RecentFlow[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter(isRecent).sort((a, b) => b.openedAt - a.openedAt) : [];
  } catch {
    return [];
  }
}

function save(list: RecentFlow[], storage: Storage) {
  storage.setItem(KEY, JSON.stringify(list.slice(0, MAX)));
}

/** Records that a flow was opened now (moving it to the top). */
export function rememberFlow(
  flow: { id: string; name: string },
  storage: Storage = localStorage,
  now = Date.now(),
) {
  save(
    [
      { id: flow.id, name: flow.name, openedAt: now },
      ...loadRecentFlows(storage).filter((f) => f.id !== flow.id),
    ],
    storage,
  );
}

export function forgetFlow(id: string, storage: Storage = localStorage) {
  save(
    loadRecentFlows(storage).filter((f) => f.id !== id),
    storage,
  );
}

export function renameRecentFlow(id: string, name: string, storage: Storage = localStorage) {
  save(
    loadRecentFlows(storage).map((f) => (f.id === id ? { ...f, name } : f)),
    storage,
  );
}
