import { downloadText, fileSlug } from "@/components/ui/download";
import type { EditorState } from "../store/editor-state";

// Apart from the import dialog, which loads when first opened: exporting is one click on the
// flow menu, which is in the designer's first load.

/** Downloads the graph as `<flow name>.eventloom.json`: the same JSON the API stores. */
export function exportFlow(state: Pick<EditorState, "graph" | "name">) {
  downloadText(
    JSON.stringify(state.graph, null, 2) + "\n",
    `${fileSlug(state.name)}.eventloom.json`,
    "application/json",
  );
}
