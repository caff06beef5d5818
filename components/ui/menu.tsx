"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

export interface MenuItem {
  label: string;
  onSelect: () => void;
  hint?: string;
}

/** A button that opens a list of actions (role menu); arrow keys move, Escape closes. */
export function Menu({ label, items, children }: { label: string; items: MenuItem[]; children?: ReactNode }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const away = (e: PointerEvent) => !root.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener("pointerdown", away);
    return () => document.removeEventListener("pointerdown", away);
  }, [open]);
  const onKeyDown = (e: React.KeyboardEvent) => {
    const entries = [...(root.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = entries.indexOf(document.activeElement as HTMLElement);
    if (e.key === "Escape") setOpen(false);
    else if (e.key === "ArrowDown") entries[(at + 1) % entries.length]?.focus();
    else if (e.key === "ArrowUp") entries[(at - 1 + entries.length) % entries.length]?.focus();
    else return;
    e.preventDefault();
  };
  return (
    <div ref={root} className="relative" onKeyDown={onKeyDown}>
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="inline-flex items-center gap-1 rounded-md px-3 py-1.5 text-sm font-medium text-ink-muted hover:bg-surface-sunken hover:text-ink focus-visible:outline-2 focus-visible:outline-accent"
      >
        {children ?? label}
      </button>
      {open && (
        <div
          role="menu"
          aria-label={label}
          className="absolute right-0 z-50 mt-1 w-56 rounded-lg border border-line bg-surface-raised p-1 shadow-lg"
        >
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              tabIndex={-1}
              onClick={() => (setOpen(false), item.onSelect())}
              className="flex w-full items-center justify-between rounded-md px-2.5 py-1.5 text-left text-sm hover:bg-surface-sunken focus:bg-surface-sunken focus:outline-none"
            >
              {item.label}
              {item.hint && (
                <kbd aria-hidden="true" className="text-xs text-ink-muted">
                  {item.hint}
                </kbd>
              )}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
