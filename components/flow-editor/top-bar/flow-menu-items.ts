import type { MenuItem } from "@/components/ui/menu";
import { exportFlow } from "../panels/export-flow";
import type { EditorStore } from "../store/create-editor-store";

/** The flow menu: exports, shortcuts and help for everyone; imports and history only where the flow can be edited. */
export function flowMenuItems(editor: EditorStore, readOnly: boolean): MenuItem[] {
  const open = editor.getState().openDialog;
  return [
    { label: "Export", onSelect: () => exportFlow(editor.getState()) },
    ...(readOnly ? [] : [{ label: "Import", onSelect: () => open("import") }]),
    // The AsyncAPI and YAML code loads when asked for, not with the designer.
    {
      label: "Export AsyncAPI",
      onSelect: () =>
        void import("../panels/asyncapi-export").then((m) => m.exportAsyncApiFile(editor.getState())),
    },
    ...(readOnly
      ? []
      : [
          { label: "Import AsyncAPI", onSelect: () => open("import-asyncapi") },
          { label: "History", onSelect: () => open("history") },
        ]),
    // The full-page inspector, e.g. for a second screen beside the designer.
    ...(readOnly
      ? []
      : [
          {
            label: "Open live view",
            onSelect: () =>
              window.open(
                `/flows/${encodeURIComponent(editor.getState().flowId)}/live`,
                "_blank",
                "noopener",
              ),
          },
        ]),
    { label: "Keyboard shortcuts", hint: "?", onSelect: () => open("shortcuts") },
    // The guides, served by the app itself (docs/*.md), in a tab of their own: for viewers too,
    // who meet the designer's words (topic, lag, partition) through a view link.
    { label: "Help", onSelect: () => window.open("/docs", "_blank", "noopener") },
  ];
}
