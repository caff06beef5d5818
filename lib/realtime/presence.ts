import * as decoding from "lib0/decoding";
import * as z from "../zod";

const ZId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/));
// Zod's numbers are finite: Infinity and NaN are refused.
const ZPoint = z.strictObject({ x: z.number(), y: z.number() });

/** What one person shares with the others on a flow: who they are, where they point, what they select. */
export const ZPresence = z.strictObject({
  user: z.strictObject({
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(40)),
    colour: z.string().check(z.regex(/^#[0-9a-f]{6}$/)),
  }),
  /** The pointer on the canvas, in flow coordinates; null when it is off the canvas. */
  pointer: z.optional(z.nullable(ZPoint)),
  selection: z.optional(
    z.strictObject({
      nodes: z.array(ZId).check(z.maxLength(500)),
      edges: z.array(ZId).check(z.maxLength(2000)),
    }),
  ),
  /** The node whose properties this person has open. */
  editing: z.optional(z.nullable(ZId)),
});
export type Presence = z.infer<typeof ZPresence>;

/** The most people (awareness clients) one presence message may describe. */
export const MAX_PRESENCE_STATES = 16;

export interface PresenceEntry {
  clientId: number;
  clock: number;
  /** null: this client left. */
  state: Presence | null;
}

/**
 * Reads a Yjs awareness update (y-protocols' encoding: count, then client id, clock and JSON
 * state each) and checks every state; null when the bytes are not such an update or a state
 * is not a presence.
 */
export function readPresenceUpdate(update: Uint8Array): PresenceEntry[] | null {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > MAX_PRESENCE_STATES) return null;
    const entries: PresenceEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json: unknown = JSON.parse(decoding.readVarString(decoder));
      if (json === null) entries.push({ clientId, clock, state: null });
      else {
        const parsed = ZPresence.safeParse(json);
        if (!parsed.success) return null;
        entries.push({ clientId, clock, state: parsed.data });
      }
    }
    return decoding.hasContent(decoder) ? null : entries;
  } catch {
    return null;
  }
}

/** The colours people are shown in: distinct hues that read on light and dark canvases. */
export const PRESENCE_COLOURS = [
  "#e11d48",
  "#2563eb",
  "#16a34a",
  "#d97706",
  "#9333ea",
  "#0891b2",
  "#db2777",
  "#4f46e5",
] as const;

/** A stable colour for a name, so a person keeps their colour across visits. */
export function colourFor(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return PRESENCE_COLOURS[hash % PRESENCE_COLOURS.length];
}

/** "Ana Lima" → "AL", "ana" → "AN", "  " → "?". */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  const letters = words.length === 1 ? [...words[0]].slice(0, 2) : [[...words[0]][0], [...words.at(-1)!][0]];
  return letters.join("").toUpperCase();
}
