"use client";

import { useEffect, type ReactNode } from "react";
import { ReactFlowProvider } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import type { FlowRecord } from "@/lib/api/flows";
import { rememberFlow } from "@/components/home/recent-flows-store";
import { FlowCanvas } from "./canvas/flow-canvas";
import { ConflictDialog } from "./panels/conflict-dialog";
import { HistoryDialog } from "./panels/history-dialog";
import { ImportDialog } from "./panels/import-export";
import { InspectorBar } from "./panels/inspector-bar";
import { Palette } from "./panels/palette";
import { PropertiesPanel } from "./panels/properties-panel";
import { ShortcutsDialog } from "./panels/shortcuts-dialog";
import { useAutosave } from "./save/use-autosave";
import { useValidation } from "./save/use-validation";
import { EditorStoreProvider, useEditorApi } from "./store/editor-context";
import { TopBar } from "./top-bar/top-bar";

function Designer({ topBarActions }: { topBarActions?: ReactNode }) {
  const store = useEditorApi();
  useAutosave(store);
  useValidation(store);
  return (
    <div className="flex h-screen flex-col overflow-hidden">
      <TopBar actions={topBarActions} />
      <main className="flex min-h-0 flex-1">
        <Palette />
        <div className="min-w-0 flex-1">
          <FlowCanvas />
        </div>
        <PropertiesPanel />
      </main>
      <InspectorBar />
      <ImportDialog />
      <HistoryDialog />
      <ShortcutsDialog />
      <ConflictDialog />
    </div>
  );
}

/**
 * The designer for one flow (`/flows/:id`). `topBarActions` lets the live-run issue put
 * Deploy / Stop into the top bar without touching it.
 */
export function FlowEditor({ flow, topBarActions }: { flow: FlowRecord; topBarActions?: ReactNode }) {
  useEffect(() => rememberFlow(flow), [flow]);
  return (
    <EditorStoreProvider flow={flow}>
      <ReactFlowProvider>
        <Designer topBarActions={topBarActions} />
      </ReactFlowProvider>
    </EditorStoreProvider>
  );
}
