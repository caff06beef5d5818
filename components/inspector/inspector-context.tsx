"use client";

import { createContext, useContext, useState, type ReactNode } from "react";
import { useStore } from "zustand";
import { createInspectorStore, type InspectorState, type InspectorStore } from "./inspector-store";

const InspectorContext = createContext<InspectorStore | null>(null);

/** Provides the inspector's view state (filters, tab, selected delivery) to the inspector and the canvas. */
export function InspectorProvider({ children }: { children: ReactNode }) {
  const [store] = useState(createInspectorStore);
  return <InspectorContext.Provider value={store}>{children}</InspectorContext.Provider>;
}

export function useInspectorApi(): InspectorStore {
  const store = useContext(InspectorContext);
  if (!store) throw new Error("inspector hooks must be used inside <InspectorProvider>");
  return store;
}

export function useInspector<T>(selector: (state: InspectorState) => T): T {
  return useStore(useInspectorApi(), selector);
}

/** What the canvas may ask of the inspector: stable functions, no subscription. */
export function useInspectorActions(): Pick<InspectorState, "filterByNode" | "openDelivery" | "setTab"> {
  const { filterByNode, openDelivery, setTab } = useInspectorApi().getState();
  return { filterByNode, openDelivery, setTab };
}
