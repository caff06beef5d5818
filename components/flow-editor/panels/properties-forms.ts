// The properties forms are not part of the designer's first load (a flow opens with nothing
// selected), but editing needs them even when the connection drops: co-editing keeps working
// offline, so they are fetched in the background once the designer has settled.
export const loadNodeProperties = () => import("./node-properties");
export const loadEdgeProperties = () => import("./edge-properties");

/** Fetches the properties forms when the browser is idle (at most a few seconds after opening). */
export function preloadPropertiesForms(): () => void {
  const load = () => void Promise.all([loadNodeProperties(), loadEdgeProperties()]).catch(() => {});
  if (typeof window.requestIdleCallback === "function") {
    const handle = window.requestIdleCallback(load, { timeout: 3000 });
    return () => window.cancelIdleCallback(handle);
  }
  const timer = window.setTimeout(load, 1000);
  return () => window.clearTimeout(timer);
}
