import { useCallback, useState } from "react";

/**
 * Copies text to the clipboard and keeps a short message saying so for a moment; when the
 * browser refuses, `onFail` runs and its message is shown instead.
 */
export function useCopy(showMs: number) {
  const [said, setSaid] = useState<string | null>(null);
  const copy = useCallback(
    async (text: string, onFail: () => string) => {
      try {
        await navigator.clipboard.writeText(text);
        setSaid("Copied");
      } catch {
        setSaid(onFail());
      }
      setTimeout(() => setSaid(null), showMs);
    },
    [showMs],
  );
  return { said, copy };
}
