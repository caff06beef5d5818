import { createStore, type StoreApi } from "zustand/vanilla";
import type { DeliveryRow } from "@/lib/realtime/protocol";
import { NO_FILTER, type DeliveryFilter } from "@/lib/events/delivery-filter";

/** What the person narrows the delivery table to (every field empty shows every row). */
export { NO_FILTER, type DeliveryFilter };

export type InspectorTab = "events" | "dashboard";

export interface InspectorState {
  filter: DeliveryFilter;
  tab: InspectorTab;
  /** The delivery whose event the detail panel shows. */
  selected: DeliveryRow | null;
  /** The person opened the inspector while the run is stopped (otherwise a one-line summary). */
  expandedWhileStopped: boolean;
  setFilter: (patch: Partial<DeliveryFilter>) => void;
  clearFilter: () => void;
  /** Shows only the deliveries of one node (the canvas calls this on node click); null clears it. */
  filterByNode: (nodeId: string | null) => void;
  setTab: (tab: InspectorTab) => void;
  openDelivery: (row: DeliveryRow) => void;
  closeDelivery: () => void;
  setExpandedWhileStopped: (expanded: boolean) => void;
}

export type InspectorStore = StoreApi<InspectorState>;

/** The inspector's own view state, one per designer; separate from the live data it shows. */
export function createInspectorStore(): InspectorStore {
  return createStore<InspectorState>()((set) => ({
    filter: NO_FILTER,
    tab: "events",
    selected: null,
    expandedWhileStopped: false,
    setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch } })),
    clearFilter: () => set({ filter: NO_FILTER }),
    filterByNode: (nodeId) =>
      set((s) => ({
        filter: { ...s.filter, nodeId: nodeId ?? "" },
        tab: "events",
        expandedWhileStopped: true,
      })),
    setTab: (tab) => set({ tab }),
    openDelivery: (row) => set({ selected: row }),
    closeDelivery: () => set({ selected: null }),
    setExpandedWhileStopped: (expandedWhileStopped) => set({ expandedWhileStopped }),
  }));
}
