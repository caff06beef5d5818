"use client";

import { lazy, Suspense, useState, type ReactNode } from "react";
import type { EditorDialog } from "./store/ui-slice";
import { useEditor } from "./store/editor-context";

// The dialogs a person opens from the top bar load when first opened, not with the designer:
// the AsyncAPI importer alone brings a YAML parser and the AsyncAPI mapping.
const AsyncApiImportDialog = lazy(() =>
  import("./panels/asyncapi-dialog").then((m) => ({ default: m.AsyncApiImportDialog })),
);
const ImportDialog = lazy(() => import("./panels/import-dialog").then((m) => ({ default: m.ImportDialog })));
const ShareDialog = lazy(() => import("./share/share-dialog").then((m) => ({ default: m.ShareDialog })));
const HistoryDialog = lazy(() =>
  import("./panels/history-dialog").then((m) => ({ default: m.HistoryDialog })),
);
const ShortcutsDialog = lazy(() =>
  import("./panels/shortcuts-dialog").then((m) => ({ default: m.ShortcutsDialog })),
);

/**
 * Mounts `children` the first time dialog `name` opens and keeps it mounted afterwards, so the
 * dialog closes as a native <dialog> does (focus goes back where it was) and opens at once the
 * next time.
 */
function OnFirstOpen({ name, children }: { name: Exclude<EditorDialog, null>; children: ReactNode }) {
  const open = useEditor((s) => s.dialog === name);
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  return opened ? <Suspense fallback={null}>{children}</Suspense> : null;
}

/** The designer's dialogs, each loaded on first use. */
export function LazyDialogs() {
  return (
    <>
      <OnFirstOpen name="import">
        <ImportDialog />
      </OnFirstOpen>
      <OnFirstOpen name="import-asyncapi">
        <AsyncApiImportDialog />
      </OnFirstOpen>
      <OnFirstOpen name="share">
        <ShareDialog />
      </OnFirstOpen>
      <OnFirstOpen name="history">
        <HistoryDialog />
      </OnFirstOpen>
      <OnFirstOpen name="shortcuts">
        <ShortcutsDialog />
      </OnFirstOpen>
    </>
  );
}
