import { asyncApiText, exportAsyncApi } from "@/lib/asyncapi";
import { downloadText, fileSlug } from "@/components/ui/download";
import type { EditorState } from "../store/editor-state";

/** Downloads the flow as an AsyncAPI 3.0 document in YAML: `<flow name>.asyncapi.yaml`. */
export function exportAsyncApiFile(state: Pick<EditorState, "graph" | "name">) {
  const { document } = exportAsyncApi(state.graph, { title: state.name });
  downloadText(asyncApiText(document, "yaml"), `${fileSlug(state.name)}.asyncapi.yaml`, "application/yaml");
}
