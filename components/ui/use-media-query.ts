import { useSyncExternalStore } from "react";

/** Below this width the designer's side panels become overlays. */
export const NARROW_QUERY = "(max-width: 1279px)";
/** Below this width (a phone) the inspector is a bottom sheet and the top bar takes two rows. */
export const PHONE_QUERY = "(max-width: 639px)";

/** Whether a CSS media query matches now, kept current; false on the server. */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}
