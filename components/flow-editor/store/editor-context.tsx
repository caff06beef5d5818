"use client";

import { createContext, useContext, useMemo, useState, useSyncExternalStore, type ReactNode } from "react";
import { useStore } from "zustand";
import type { FlowRecord } from "@/lib/api/flows";
import { createEditorStore, type EditorStore } from "./create-editor-store";
import type { EditorState } from "./editor-state";
import type { ShareMode } from "./share-slice";
import { frameCoalesced } from "./frame-coalesced";

const EditorContext = createContext<EditorStore | null>(null);

/** Creates the editor's store once for this flow and provides it to everything below. */
export function EditorStoreProvider({
  flow,
  mode,
  children,
}: {
  flow: FlowRecord;
  mode?: ShareMode;
  children: ReactNode;
}) {
  // Every page but a snapshot edits (or, through a view link, watches) the flow together.
  const [store] = useState(() => createEditorStore(flow, mode, { connected: mode !== "snapshot" }));
  return <EditorContext.Provider value={store}>{children}</EditorContext.Provider>;
}

/** The store itself, for event handlers that read state without subscribing. */
export function useEditorApi(): EditorStore {
  const store = useContext(EditorContext);
  if (!store) throw new Error("useEditor must be used inside <EditorStoreProvider>");
  return store;
}

/** Subscribes to one slice of editor state; re-renders only when the selected value changes. */
export function useEditor<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditorApi(), selector);
}

/**
 * `useEditor` for a view costly to render (the canvas): changes are taken in at most once per
 * frame (see frameCoalesced), so a burst of other people's edits renders once. A render for
 * any other reason reads the state as it is now.
 */
export function useEditorPerFrame<T>(selector: (state: EditorState) => T): T {
  const store = useEditorApi();
  const subscribe = useMemo(() => frameCoalesced(store.subscribe), [store]);
  const read = () => selector(store.getState());
  return useSyncExternalStore(subscribe, read, read);
}
