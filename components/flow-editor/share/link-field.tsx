"use client";

import { useId } from "react";
import { Button } from "@/components/ui/button";
import { useCopy } from "@/components/ui/use-copy";

/** A link shown in a read-only field with a Copy button ("Copy <label>") that says it copied. */
export function LinkField({
  label,
  value,
  hint,
  hideLabel = false,
}: {
  label: string;
  value: string;
  hint?: string;
  hideLabel?: boolean;
}) {
  const id = useId();
  const { said, copy: copyText } = useCopy(2500);
  const copy = () =>
    copyText(value, () => {
      // No clipboard access: select the link so the person can copy it themselves.
      document.getElementById(id)?.focus();
      (document.getElementById(id) as HTMLInputElement | null)?.select();
      return "Press Ctrl+C (⌘C) to copy";
    });
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={hideLabel ? "sr-only" : "text-xs font-medium text-ink-muted"}>
        {label}
      </label>
      <div className="flex items-center gap-2">
        <input
          id={id}
          readOnly
          value={value}
          onFocus={(e) => e.target.select()}
          className="min-w-0 flex-1 truncate rounded-md border border-line bg-surface px-2 py-1 font-mono text-xs text-ink"
        />
        <Button
          aria-label={`Copy ${label.toLowerCase()}`}
          className="shrink-0 px-2.5 py-1 text-xs"
          onClick={() => void copy()}
        >
          Copy
        </Button>
      </div>
      <p role="status" className="text-xs text-ink-muted">
        {said ?? hint}
      </p>
    </div>
  );
}
