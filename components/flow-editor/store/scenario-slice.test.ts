import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { FlowRecord } from "@/lib/api/flows";
import type { FlowGraph } from "@/lib/flow";
import { readDocGraph } from "@/lib/realtime/flow-doc";
import { FLOW_TEMPLATES } from "@/lib/templates";
import { newScenario } from "../scenarios/scenario-edits";
import { createEditorStore } from "./create-editor-store";

const shop = FLOW_TEMPLATES.find((t) => t.id === "ecommerce-orders")!.graph as FlowGraph;
const record = (mode: FlowRecord["access"] = "edit"): FlowRecord => ({
  id: "f1",
  access: mode,
  name: "Shop",
  version: 1,
  graph: shop,
  issues: [],
  createdAt: "",
  updatedAt: "",
});

describe("editor store: scenarios", () => {
  it("writes scenarios into the shared document like any edit, and undo takes them back", () => {
    const store = createEditorStore(record());
    const s = () => store.getState();
    const added = newScenario(shop.scenarios!);
    s().setScenarios([...shop.scenarios!, added]);
    expect(s().graph.scenarios?.map((x) => x.id)).toEqual(["black-friday", "scenario-1"]);
    // What a co-editor (or the server saving it) receives: the document itself.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(s().shared.doc));
    expect(readDocGraph(other).scenarios?.[1]).toEqual(added);
    s().undo();
    expect(s().graph.scenarios).toEqual(shop.scenarios);
  });

  it("removing the last scenario leaves the flow without scenarios", () => {
    const store = createEditorStore(record());
    store.getState().setScenarios([]);
    expect("scenarios" in store.getState().graph).toBe(false);
  });

  it("a view-only editor cannot change scenarios", () => {
    const store = createEditorStore(record("view"));
    store.getState().setScenarios([]);
    expect(store.getState().graph.scenarios).toEqual(shop.scenarios);
  });

  it("selecting a node shows its properties; clearing the selection keeps the scenarios shown", () => {
    const store = createEditorStore(record());
    const s = () => store.getState();
    s().showSidePanel("scenarios");
    s().select([], []);
    expect(s().sidePanel).toBe("scenarios");
    s().select(["payment"], []);
    expect(s().sidePanel).toBe("properties");
    // A click on the canvas selects through React Flow's changes.
    s().showSidePanel("scenarios");
    s().toggleSelected("node", "email", false);
    expect(s().sidePanel).toBe("scenarios");
    s().toggleSelected("node", "email", true);
    expect(s().sidePanel).toBe("properties");
  });
});
