/**
 * The view link this browser made for each flow. The server keeps only a hash of the token,
 * so it can never show the link again: the browser that made it remembers it here.
 */
const KEY = "eventloom.viewLinks";

function load(storage: Storage): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? "{}");
    return parsed && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, string>)
      : {};
  } catch {
    return {};
  }
}

export function loadViewToken(flowId: string, storage: Storage = localStorage): string | null {
  const token = load(storage)[flowId];
  return typeof token === "string" ? token : null;
}

export function saveViewToken(flowId: string, token: string | null, storage: Storage = localStorage) {
  const all = load(storage);
  if (token === null) delete all[flowId];
  else all[flowId] = token;
  storage.setItem(KEY, JSON.stringify(all));
}
