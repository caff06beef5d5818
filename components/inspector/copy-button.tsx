"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies text to the clipboard and says so (or says why it could not). */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [said, setSaid] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setSaid("Copied");
    } catch {
      setSaid("Copy failed: select the text and copy it by hand");
    }
    setTimeout(() => setSaid(null), 2_000);
  };
  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="secondary" className="px-2 py-0.5 text-xs" onClick={copy}>{label}</Button>
      <span role="status" className="text-xs text-ink-muted">{said}</span>
    </span>
  );
}
