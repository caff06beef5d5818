import Link from "next/link";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Logo } from "@/components/ui/logo";
import { Menu } from "@/components/ui/menu";
import { useEditor, useEditorApi } from "../store/editor-context";
import { flowMenuItems } from "./flow-menu-items";
import { ReadOnlyActions, ReadOnlyBadge } from "../read-only/read-only-actions";
import { FlowName } from "./flow-name";
import { SaveStatus } from "./save-status";
import { PeopleHere } from "../presence/people-here";

/** The designer's top bar; `actions` holds the run controls (run state, Deploy / Stop). */
export function TopBar({ actions }: { actions?: ReactNode }) {
  const editor = useEditorApi();
  const canUndo = useEditor((s) => s.canUndo);
  const canRedo = useEditor((s) => s.canRedo);
  const version = useEditor((s) => s.version);
  const readOnly = useEditor((s) => s.readOnly);
  const snapshot = useEditor((s) => s.shareMode === "snapshot");
  const open = editor.getState().openDialog;
  return (
    // On a phone the actions take a second row, so the name, the save state and every action stay whole.
    <header className="flex shrink-0 flex-wrap items-center gap-x-2 gap-y-1 border-b border-line bg-surface-raised px-3 py-1.5 sm:h-12 sm:flex-nowrap sm:py-0">
      <div className="flex min-w-0 items-center gap-2 max-sm:w-full">
        <Link
          href="/"
          aria-label="Eventloom home"
          className="shrink-0 rounded-md p-1 hover:bg-surface-sunken"
        >
          <Logo />
        </Link>
        <FlowName />
        {!snapshot && (
          <span
            className="tabular text-xs text-ink-muted max-sm:hidden"
            title="The saved version on the server"
          >
            v{version}
          </span>
        )}
        <span className="shrink-0">{readOnly ? <ReadOnlyBadge /> : <SaveStatus />}</span>
      </div>
      <div className="ml-auto flex items-center gap-1 max-sm:w-full max-sm:flex-wrap max-sm:justify-end">
        <PeopleHere />
        {!readOnly && (
          <>
            <Button
              variant="ghost"
              aria-label="Undo"
              title="Undo (Ctrl+Z or ⌘Z)"
              disabled={!canUndo}
              onClick={() => editor.getState().undo()}
            >
              ↶<span className="max-sm:hidden"> Undo</span>
            </Button>
            <Button
              variant="ghost"
              aria-label="Redo"
              title="Redo (Ctrl+Shift+Z or ⌘⇧Z)"
              disabled={!canRedo}
              onClick={() => editor.getState().redo()}
            >
              ↷<span className="max-sm:hidden"> Redo</span>
            </Button>
          </>
        )}
        {actions}
        {readOnly ? <ReadOnlyActions /> : <Button onClick={() => open("share")}>Share</Button>}
        <Menu label="Flow menu" items={flowMenuItems(editor, readOnly)}>
          Menu <span aria-hidden="true">▾</span>
        </Menu>
      </div>
    </header>
  );
}
