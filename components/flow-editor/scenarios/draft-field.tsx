"use client";

import { useId, useState, type ReactNode } from "react";

export const INPUT =
  "w-full rounded-md border border-line bg-surface px-2 py-1 text-sm tabular aria-invalid:border-failed focus-visible:outline-2 focus-visible:outline-accent";

/** A small visible label over its control; problems under it, read out with the control. */
export function FieldShell({
  label,
  problems,
  htmlFor,
  className = "",
  children,
}: {
  label: string;
  problems: readonly string[];
  htmlFor: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={`flex min-w-0 flex-col gap-0.5 ${className}`}>
      <label htmlFor={htmlFor} className="text-xs text-ink-muted">
        {label}
      </label>
      {children}
      {problems.map((p) => (
        <p key={p} id={`${htmlFor}-problem`} className="text-xs text-failed">
          {p}
        </p>
      ))}
    </div>
  );
}

/**
 * A text field that keeps what the person types while it is not (yet) a valid value: `commit`
 * gets each text and answers with the problem, if any; a valid value goes straight into the flow.
 * When the field is left without a problem it shows the flow's value again.
 */
export function DraftField({
  label,
  value,
  commit,
  problems = [],
  placeholder,
  className,
  inputMode,
}: {
  label: string;
  value: string;
  commit: (text: string) => string | null;
  problems?: readonly string[];
  placeholder?: string;
  className?: string;
  inputMode?: "decimal" | "numeric" | "text";
}) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const shown = problem ? [problem] : problems;
  return (
    <FieldShell label={label} problems={shown} htmlFor={id} className={className}>
      <input
        id={id}
        className={INPUT}
        value={draft ?? value}
        placeholder={placeholder}
        inputMode={inputMode}
        aria-invalid={shown.length > 0 || undefined}
        aria-describedby={shown.length > 0 ? `${id}-problem` : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          setProblem(commit(e.target.value));
        }}
        onBlur={() => {
          if (!problem) setDraft(null);
        }}
      />
    </FieldShell>
  );
}
