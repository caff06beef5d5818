// The properties forms are not part of the designer's first load (a flow opens with nothing
// selected), but editing needs them even when the connection drops: co-editing keeps working
// offline, so an editor fetches them before it joins the shared flow (save/use-shared-flow.ts).
export const loadNodeProperties = () => import("./node-properties");
export const loadEdgeProperties = () => import("./edge-properties");

/** Fetches the properties forms now; settles when they are here or could not be fetched. */
export function preloadPropertiesForms(): Promise<void> {
  return Promise.all([loadNodeProperties(), loadEdgeProperties()]).then(
    () => {},
    () => {},
  );
}
