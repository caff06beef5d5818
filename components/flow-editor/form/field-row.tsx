import type { ReactNode } from "react";

/** Label, control and the field's message (from the same zod schema the server uses). */
export function FieldRow({
  id,
  label,
  message,
  children,
}: {
  id: string;
  label: string;
  message?: string;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-ink-muted">
        {label}
      </label>
      {children}
      {message && (
        <p id={`${id}-message`} className="text-xs text-failed">
          {message}
        </p>
      )}
    </div>
  );
}

export const INPUT_CLASS =
  "w-full rounded-md border border-line bg-surface px-2 py-1 text-sm text-ink aria-[invalid=true]:border-failed focus-visible:outline-2 focus-visible:outline-accent";
