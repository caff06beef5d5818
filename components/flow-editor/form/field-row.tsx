import type { ReactNode } from "react";

/** Label, control, one sentence of help, and the field's message (from the same zod schema the server uses). */
export function FieldRow({
  id,
  label,
  help,
  message,
  children,
}: {
  id: string;
  label: string;
  help?: string;
  message?: string;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-ink-muted">
        {label}
      </label>
      {children}
      {help && <FieldHelp id={id} text={help} />}
      {message && (
        <p id={`${id}-message`} className="text-xs text-failed">
          {message}
        </p>
      )}
    </div>
  );
}

/** The help line under a field; controls point at it with aria-describedby (`describedBy`). */
export function FieldHelp({ id, text }: { id: string; text: string }) {
  return (
    <p id={`${id}-help`} className="text-[11px] leading-snug text-ink-muted">
      {text}
    </p>
  );
}

/** The ids a control is described by: its help, and its message when it has one. */
export function describedBy(id: string, help: boolean, message: boolean): string | undefined {
  const ids = [help && `${id}-help`, message && `${id}-message`].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

export const INPUT_CLASS =
  "w-full rounded-md border border-line bg-surface px-2 py-1 text-sm text-ink aria-[invalid=true]:border-failed focus-visible:outline-2 focus-visible:outline-accent";
