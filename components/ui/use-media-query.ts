import { useSyncExternalStore } from "react";

/** Below this width the designer's side panels become overlays. */
export const NARROW_QUERY = "(max-width: 1279px)";
/** Below this width (a phone) the inspector is a bottom sheet and the top bar takes two rows. */
export const PHONE_QUERY = "(max-width: 639px)";

/** One list per query: React reads the snapshot at every render, and matchMedia parses the query each call. */
const lists = new Map<string, MediaQueryList>();
const listFor = (query: string) => {
  let list = lists.get(query);
  if (!list) lists.set(query, (list = window.matchMedia(query)));
  return list;
};

/** Whether a CSS media query matches now, kept current; false on the server. */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = listFor(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    () => listFor(query).matches,
    () => false,
  );
}
