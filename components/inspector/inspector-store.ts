import { createStore, type StoreApi } from "zustand/vanilla";
import type { DeliveryRow } from "@/lib/realtime/protocol";
import type { EventEnvelope } from "@/lib/events/envelope";
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
  /** This person may produce events by hand and replay a group from an event (an edit link; view links may not). */
  canProduce: boolean;
  /** The produce form, when open: for a topic, and the event being re-produced if any. */
  producing: { topicId: string; from: EventEnvelope | null } | null;
  openProduce: (topicId: string, from?: EventEnvelope) => void;
  closeProduce: () => void;
}

export type InspectorStore = StoreApi<InspectorState>;

/** The inspector's own view state, one per designer; separate from the live data it shows. */
export function createInspectorStore(canProduce = false): InspectorStore {
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
    canProduce,
    producing: null,
    openProduce: (topicId, from) => set({ producing: canProduce ? { topicId, from: from ?? null } : null }),
    closeProduce: () => set({ producing: null }),
  }));
}
