import { useEffect } from "react";
import { colourFor, ZPresence, type Presence } from "@/lib/realtime/presence";
import type { EditorStore } from "../store/create-editor-store";
import type { Person } from "../store/presence-slice";

const NAME_KEY = "eventloom.displayName";

/** The name this browser goes by on shared flows, if one was chosen. */
export function savedName(): string | null {
  try {
    return localStorage.getItem(NAME_KEY);
  } catch {
    return null;
  }
}

/** Remembers the name in this browser and tells everyone on the flow. */
export function chooseName(store: EditorStore, name: string) {
  const trimmed = name.trim().slice(0, 40);
  if (!trimmed) return;
  try {
    localStorage.setItem(NAME_KEY, trimmed);
  } catch {
    // Private mode: the name holds for this page only.
  }
  const user = { name: trimmed, colour: colourFor(trimmed) };
  store.getState().setMe(user, false);
  store.getState().shared.awareness.setLocalStateField("user", user);
}

/**
 * Shares who this person is, what they select and which node's properties they have open,
 * and keeps the store's list of the others up to date from everyone's presence.
 */
export function usePresence(store: EditorStore) {
  useEffect(() => {
    const { shared, shareMode } = store.getState();
    if (shareMode === "snapshot") return;
    // A view link sees who is here but is not shown to them.
    const sharing = shareMode === "edit";
    const { awareness, doc } = shared;
    const name = savedName();
    const user = name
      ? { name, colour: colourFor(name) }
      : { name: `Guest ${(doc.clientID % 90) + 10}`, colour: colourFor(String(doc.clientID)) };
    store.getState().setMe(user, !name);
    const own = (s = store.getState()): Presence => {
      const nodes = [...s.selectedNodeIds].slice(0, 500);
      const edges = [...s.selectedEdgeIds].slice(0, 2000);
      return {
        user: s.me ?? user,
        selection: { nodes, edges },
        editing: s.panelOpen && nodes.length === 1 && edges.length === 0 ? nodes[0] : null,
        pointer: (awareness.getLocalState() as Presence | null)?.pointer ?? null,
      };
    };
    if (sharing) awareness.setLocalState(own());
    const unsubscribe = store.subscribe((s, prev) => {
      if (
        sharing &&
        (s.selectedNodeIds !== prev.selectedNodeIds ||
          s.selectedEdgeIds !== prev.selectedEdgeIds ||
          s.panelOpen !== prev.panelOpen)
      ) {
        const next = own(s);
        awareness.setLocalStateField("selection", next.selection);
        awareness.setLocalStateField("editing", next.editing);
      }
    });
    const onChange = (changes?: Record<string, number[]>) => {
      // This person's own pointer moves do not change who the others are.
      if (
        changes &&
        [...changes.added, ...changes.updated, ...changes.removed].every((id) => id === doc.clientID)
      )
        return;
      const people: Person[] = [];
      awareness.getStates().forEach((state, clientId) => {
        if (clientId === doc.clientID) return;
        const parsed = ZPresence.safeParse(state);
        if (parsed.success) people.push({ clientId, ...parsed.data });
      });
      people.sort((a, b) => a.clientId - b.clientId);
      store.getState().setPeople(people);
    };
    awareness.on("change", onChange);
    onChange();
    return () => {
      unsubscribe();
      awareness.off("change", onChange);
      awareness.setLocalState(null);
    };
  }, [store]);
}
