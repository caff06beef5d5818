/** The event inspector: mount <EventInspector /> inside <LiveRunProvider> and <InspectorProvider>. */
export { EventInspector, useInspectorCollapsed } from "./event-inspector";
export { InspectorProvider, useInspectorActions, useInspector } from "./inspector-context";
export type { DeliveryFilter, InspectorTab } from "./inspector-store";
export type { GraphNodeLike } from "./node-names";
