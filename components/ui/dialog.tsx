"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";

/**
 * A modal dialog on the native <dialog> element: focus is trapped and restored, Escape
 * closes it, and its title is its accessible name.
 */
export function Dialog({
  open,
  title,
  onClose,
  children,
  wide = false,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(e) => (e.preventDefault(), onClose())}
      className={`m-auto rounded-xl border border-line bg-surface-raised p-0 text-ink shadow-xl backdrop:bg-black/40 ${wide ? "w-[40rem]" : "w-[28rem]"} max-w-[calc(100vw-2rem)]`}
    >
      {open && (
        <div className="flex max-h-[80vh] flex-col">
          <div className="flex items-center justify-between border-b border-line px-4 py-2.5">
            <h2 id={titleId} className="font-semibold">
              {title}
            </h2>
            <button
              type="button"
              aria-label="Close"
              onClick={onClose}
              className="rounded-md px-2 text-lg text-ink-muted hover:bg-surface-sunken hover:text-ink"
            >
              ×
            </button>
          </div>
          <div className="overflow-y-auto p-4">{children}</div>
        </div>
      )}
    </dialog>
  );
}
