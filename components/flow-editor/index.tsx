"use client";

import { useEffect } from "react";
import { ReactFlowProvider } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import type { FlowRecord } from "@/lib/api/flows";
import { rememberFlow } from "@/components/home/recent-flows-store";
import { FlowCanvas } from "./canvas/flow-canvas";
import { InspectorDrawer } from "./live/inspector-drawer";
import { LazyDialogs } from "./lazy-dialogs";
import { LiveLayer } from "./live/live-layer";
import { LiveRunTopBar } from "./live/run-controls";
import { Palette } from "./panels/palette";
import { PropertiesPanel } from "./panels/properties-panel";
import { useSharedFlow } from "./save/use-shared-flow";
import { usePresence } from "./presence/use-presence";
import { ConnectDialog } from "./panels/connect-dialog";
import { useValidation } from "./save/use-validation";
import { EditorStoreProvider, useEditor, useEditorApi } from "./store/editor-context";
import type { ShareMode } from "./store/share-slice";
import { TopBar } from "./top-bar/top-bar";

function Designer() {
  const store = useEditorApi();
  useSharedFlow(store);
  usePresence(store);
  useValidation(store);
  const readOnly = useEditor((s) => s.readOnly);
  return (
    <div className="flex h-screen flex-col overflow-hidden">
      <TopBar actions={<LiveRunTopBar />} />
      {/* Below 1280 px the palette and the properties panel lie over the canvas instead of beside it. */}
      <main className="relative flex min-h-0 flex-1">
        {!readOnly && <Palette />}
        <div className="min-w-0 flex-1">
          <FlowCanvas />
        </div>
        <PropertiesPanel />
      </main>
      <InspectorDrawer />
      <LazyDialogs />
      <ConnectDialog />
    </div>
  );
}

/** The designer for one flow: `/flows/:id`, a view link (`mode` "view") or a snapshot. */
export function FlowEditor({ flow, mode }: { flow: FlowRecord; mode?: ShareMode }) {
  // Only flows this browser can edit go into "Recent flows": never a view link or a snapshot.
  const editable = flow.access === "edit" && mode !== "snapshot" && mode !== "view";
  useEffect(() => {
    if (editable) rememberFlow(flow);
  }, [flow, editable]);
  return (
    <EditorStoreProvider flow={flow} mode={mode}>
      <ReactFlowProvider>
        {/* Every page but a snapshot follows the flow's live run (a view link through its token). */}
        <LiveLayer flowId={flow.id} enabled={mode !== "snapshot"} canProduce={editable}>
          <Designer />
        </LiveLayer>
      </ReactFlowProvider>
    </EditorStoreProvider>
  );
}
