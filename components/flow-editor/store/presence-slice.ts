import type { StateCreator } from "zustand";
import type { Presence } from "@/lib/realtime/presence";
import type { EditorState } from "./editor-state";

/** Someone else on this flow, as their presence says. */
export interface Person extends Presence {
  clientId: number;
}

/** Who is here: the others' presence, and this person's own name and colour. */
export interface PresenceSlice {
  people: Person[];
  me: Presence["user"] | null;
  /** No name chosen in this browser yet: the top bar asks once. */
  askName: boolean;
  setPeople: (people: Person[]) => void;
  setMe: (me: Presence["user"], askName: boolean) => void;
}

export const createPresenceSlice: StateCreator<EditorState, [], [], PresenceSlice> = (set) => ({
  people: [],
  me: null,
  askName: false,
  setPeople: (people) => set({ people }),
  setMe: (me, askName) => set({ me, askName }),
});
