import { useState } from "react";
import { NODE_KIND_SPECS } from "@/lib/flow";
import { Button } from "@/components/ui/button";
import { onDemand } from "@/components/ui/on-demand";
import { NARROW_QUERY, PHONE_QUERY, useMediaQuery } from "@/components/ui/use-media-query";
import { nodeTitle } from "../labels";
import { KindIcon } from "../nodes/kind-icon";
import { useEditor, useEditorApi } from "../store/editor-context";
import { IssuesList } from "./issues-list";
import { loadEdgeProperties, loadNodeProperties } from "./properties-forms";

// The forms are not in the designer's first load (a flow opens with nothing selected).
const NodeProperties = onDemand(
  () => loadNodeProperties().then((m) => m.NodeProperties),
  "The properties form",
);
const EdgeProperties = onDemand(
  () => loadEdgeProperties().then((m) => m.EdgeProperties),
  "The properties form",
);
// The Scenarios panel (editors, charts, forecast) loads when first opened.
const ScenariosPanel = onDemand(
  () => import("../scenarios/scenarios-panel").then((m) => m.ScenariosPanel),
  "The Scenarios panel",
);

/** "Ana is editing this": someone else has this node's properties open too. */
function EditingHere({ nodeId }: { nodeId: string }) {
  const names = useEditor((s) =>
    s.people
      .filter((p) => p.editing === nodeId)
      .map((p) => p.user.name)
      .join(" and "),
  );
  if (!names) return null;
  return (
    <p role="note" className="mb-2 rounded-md bg-retry/10 px-2 py-1 text-xs text-ink">
      {names} {names.includes(" and ") ? "are" : "is"} editing this
    </p>
  );
}

function Selection() {
  const editor = useEditorApi();
  const nodeIds = useEditor((s) => s.selectedNodeIds);
  const edgeIds = useEditor((s) => s.selectedEdgeIds);
  const node = useEditor((s) =>
    nodeIds.size === 1 && edgeIds.size === 0 ? s.graph.nodes.find((n) => nodeIds.has(n.id)) : undefined,
  );
  const edge = useEditor((s) =>
    edgeIds.size === 1 && nodeIds.size === 0 ? s.graph.edges.find((e) => edgeIds.has(e.id)) : undefined,
  );
  // Read-only: every field and button of the selection's form is disabled in one place.
  const readOnly = useEditor((s) => s.readOnly);
  if (node) {
    return (
      <>
        <PanelHeading>
          <KindIcon kind={node.kind} /> {NODE_KIND_SPECS[node.kind].title}:{" "}
          <span className="truncate">{nodeTitle(node)}</span>
        </PanelHeading>
        <EditingHere nodeId={node.id} />
        <fieldset disabled={readOnly} className={`contents ${READ_ONLY_FIELDS}`}>
          <NodeProperties node={node} />
        </fieldset>
      </>
    );
  }
  if (edge) {
    return (
      <>
        <PanelHeading>Connection: {edge.kind}</PanelHeading>
        <fieldset disabled={readOnly} className={`contents ${READ_ONLY_FIELDS}`}>
          <EdgeProperties edge={edge} />
        </fieldset>
      </>
    );
  }
  if (nodeIds.size + edgeIds.size > 1 && !readOnly) {
    return (
      <>
        <PanelHeading>
          {plural(nodeIds.size, "node")}, {plural(edgeIds.size, "connection")} selected
        </PanelHeading>
        <div className="flex gap-2">
          <Button onClick={() => editor.getState().duplicate()} disabled={nodeIds.size === 0}>
            Duplicate
          </Button>
          <Button variant="danger" onClick={() => editor.getState().deleteSelection()}>
            Delete
          </Button>
        </div>
      </>
    );
  }
  return (
    <>
      <PanelHeading>Flow problems</PanelHeading>
      <p className="text-xs text-ink-muted">
        Select a node or connection to configure it. Problems of the flow show here; click one to find it.
      </p>
      <IssuesList />
    </>
  );
}

/** Disabled fields read as text, not as greyed-out inputs one might try to type into. */
const READ_ONLY_FIELDS =
  "[&_:is(input,select,textarea):disabled]:cursor-default [&_:is(input,select,textarea):disabled]:border-transparent [&_:is(input,select,textarea):disabled]:bg-transparent [&_:is(input,select,textarea):disabled]:px-0 [&_:is(input,select,textarea):disabled]:opacity-100 [&_select:disabled]:appearance-none";

function PanelHeading({ children }: { children: React.ReactNode }) {
  return <h2 className="flex items-center gap-1.5 text-sm font-semibold text-ink">{children}</h2>;
}

/**
 * The right-hand panel, with two tabs: the selection's properties (or the flow's problems when
 * nothing is selected), and the flow's scenarios. Below 1280 px it lies over the canvas, shown for a selection or when asked for;
 * on a phone it is a sheet over the lower part of the canvas.
 */
export function PropertiesPanel() {
  const wantOpen = useEditor((s) => s.panelOpen);
  const panel = useEditor((s) => s.sidePanel);
  const selected = useEditor((s) => s.selectedNodeIds.size + s.selectedEdgeIds.size > 0);
  const narrow = useMediaQuery(NARROW_QUERY);
  const phone = useMediaQuery(PHONE_QUERY);
  const [askedFor, setAskedFor] = useState(false);
  const editor = useEditorApi();
  const open = narrow ? wantOpen && (selected || askedFor) : wantOpen;
  const close = () => (setAskedFor(false), editor.getState().setPanelOpen(false));
  if (!open && narrow) {
    return (
      <div className="absolute top-12 right-2 z-20 flex gap-1 max-sm:top-16">
        {PANELS.map(({ id, label }) => (
          <Button
            key={id}
            aria-label={`Open ${label.toLowerCase()}`}
            className="shadow-sm"
            onClick={() => (setAskedFor(true), editor.getState().showSidePanel(id))}
          >
            {label}
          </Button>
        ))}
      </div>
    );
  }
  if (!open) {
    return (
      <div className="flex flex-col gap-1 border-l border-line bg-surface-raised p-1">
        <Button
          variant="ghost"
          aria-label="Open properties"
          onClick={() => editor.getState().showSidePanel("properties")}
        >
          ‹
        </Button>
        <Button
          variant="ghost"
          aria-label="Open scenarios"
          title="Scenarios"
          className="px-2"
          onClick={() => editor.getState().showSidePanel("scenarios")}
        >
          <span aria-hidden="true">⏱</span>
        </Button>
      </div>
    );
  }
  const scenarios = panel === "scenarios";
  const width = scenarios ? "w-[30rem]" : "w-80";
  return (
    <aside
      aria-label={scenarios ? "Scenarios" : "Properties"}
      className={`flex flex-col border-line bg-surface-raised ${
        phone
          ? `absolute inset-x-0 bottom-0 z-30 rounded-t-xl border-t shadow-2xl ${scenarios ? "max-h-[85%]" : "max-h-[65%]"}`
          : narrow
            ? `absolute inset-y-0 right-0 z-30 ${width} max-w-full border-l shadow-2xl`
            : `${width} shrink-0 border-l`
      }`}
    >
      <div className="flex items-center justify-between border-b border-line px-2 py-1">
        <div role="tablist" aria-label="Side panel" className="flex gap-0.5">
          {PANELS.map(({ id, label }) => (
            <button
              key={id}
              type="button"
              role="tab"
              aria-selected={panel === id}
              onClick={() => editor.getState().showSidePanel(id)}
              className="rounded-md px-2 py-1 text-xs font-semibold tracking-wide text-ink-muted uppercase hover:bg-surface-sunken aria-selected:bg-surface-sunken aria-selected:text-ink"
            >
              {label}
            </button>
          ))}
        </div>
        <Button
          variant="ghost"
          aria-label={`Close ${scenarios ? "scenarios" : "properties"}`}
          className="px-2 py-0.5"
          onClick={close}
        >
          ×
        </Button>
      </div>
      <div
        role="tabpanel"
        aria-label={scenarios ? "Scenarios" : "Properties"}
        className="flex flex-1 flex-col gap-3 overflow-y-auto p-3"
      >
        {scenarios ? <ScenariosPanel /> : <Selection />}
      </div>
    </aside>
  );
}

const PANELS = [
  { id: "properties", label: "Properties" },
  { id: "scenarios", label: "Scenarios" },
] as const;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
