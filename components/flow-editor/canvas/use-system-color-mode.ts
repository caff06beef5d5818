import { useEffect, useState } from "react";

/**
 * The system's light/dark setting for React Flow. The server cannot know it, so the first
 * render says "light" (matching the server HTML) and the real value follows after mount;
 * React Flow's own colorMode="system" would leave a hydration mismatch unpatched.
 */
export function useSystemColorMode(): "light" | "dark" {
  const [mode, setMode] = useState<"light" | "dark">("light");
  useEffect(() => {
    const query = matchMedia("(prefers-color-scheme: dark)");
    const update = () => setMode(query.matches ? "dark" : "light");
    update();
    query.addEventListener("change", update);
    return () => query.removeEventListener("change", update);
  }, []);
  return mode;
}
