"use client";

import { createContext, useContext, useState, type ReactNode } from "react";
import { useStore } from "zustand";
import { createInspectorStore, type InspectorState, type InspectorStore } from "./inspector-store";

const InspectorContext = createContext<InspectorStore | null>(null);

/** Provides the inspector's view state (filters, tab, selected delivery) to the inspector and the canvas. */
export function InspectorProvider({
  children,
  canProduce = false,
}: {
  children: ReactNode;
  /** An edit link: events may be produced by hand. */
  canProduce?: boolean;
}) {
  const [store] = useState(() => createInspectorStore(canProduce));
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
export function useInspectorActions(): Pick<
  InspectorState,
  "filterByNode" | "openDelivery" | "setTab" | "openProduce"
> {
  const { filterByNode, openDelivery, setTab, openProduce } = useInspectorApi().getState();
  return { filterByNode, openDelivery, setTab, openProduce };
}
