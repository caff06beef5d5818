// The properties forms are not part of the designer's first load (a flow opens with nothing
// selected), but editing needs them even when the connection drops: co-editing keeps working
// offline, so they are fetched right after the designer mounts, alongside the shared flow.
export const loadNodeProperties = () => import("./node-properties");
export const loadEdgeProperties = () => import("./edge-properties");

/** Starts fetching the properties forms now, without holding up the designer's first paint. */
export function preloadPropertiesForms(): void {
  void Promise.all([loadNodeProperties(), loadEdgeProperties()]).catch(() => {});
}
