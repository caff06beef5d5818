"use client";

import { Button } from "@/components/ui/button";
import { useCopy } from "@/components/ui/use-copy";

/** Copies text to the clipboard and says so (or says why it could not). */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const { said, copy: copyText } = useCopy(2_000);
  const copy = () => copyText(text, () => "Copy failed: select the text and copy it by hand");
  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="secondary" className="px-2 py-0.5 text-xs" onClick={copy}>
        {label}
      </Button>
      <span role="status" className="text-xs text-ink-muted">
        {said}
      </span>
    </span>
  );
}
