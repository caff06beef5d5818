import { useEffect, useRef, useState } from "react";
import { allowedEdgeKinds, NODE_KIND_SPECS, type EdgeKind, type FlowNode } from "@/lib/flow";
import { Dialog } from "@/components/ui/dialog";
import { nodeAriaLabel } from "../labels";
import { EDGE_KIND_HINTS } from "../edges/edge-kinds";
import { connectionRefusal, defaultEdgeKind } from "../store/graph-ops";
import { useEditor, useEditorApi } from "../store/editor-context";

/**
 * "Connect to…" for the keyboard: every other node of the flow, the ones this node may connect
 * to as buttons, the others disabled with the same reason dragging gives. A consumer also
 * picks what the connection means (emits, replies, dead-letters).
 */
export function ConnectDialog() {
  const open = useEditor((s) => s.dialog === "connect");
  const source = useEditor((s) =>
    s.selectedNodeIds.size === 1 ? s.graph.nodes.find((n) => s.selectedNodeIds.has(n.id)) : undefined,
  );
  const editor = useEditorApi();
  const close = () => editor.getState().openDialog(null);
  return (
    <Dialog
      open={open && !!source}
      title={source ? `Connect ${nodeAriaLabel(source)} to…` : "Connect to…"}
      onClose={close}
    >
      {source && <Targets key={source.id} source={source} onDone={close} />}
    </Dialog>
  );
}

function Targets({ source, onDone }: { source: FlowNode; onDone: () => void }) {
  const editor = useEditorApi();
  const graph = useEditor((s) => s.graph);
  const kinds = [...new Set(NODE_KIND_SPECS[source.kind].outgoing.map((c) => c.edge))];
  const [kind, setKind] = useState<EdgeKind | undefined>(
    source.kind === "consumer" ? (source.config.action === "reply" ? "replies" : "emits") : undefined,
  );
  const others = graph.nodes.filter((n) => n.id !== source.id);
  const connect = (target: FlowNode) => {
    const chosen = kind && allowedEdgeKinds(source.kind, target.kind).includes(kind) ? kind : undefined;
    const edgeId = editor
      .getState()
      .connect(source.id, target.id, chosen ?? defaultEdgeKind(graph, source, target) ?? undefined);
    if (edgeId) onDone();
  };
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    // After the dialog has opened (it focuses its first control): start on the first node that may be chosen.
    const timer = setTimeout(
      () => list.current?.querySelector<HTMLButtonElement>("button:not(:disabled)")?.focus(),
      0,
    );
    return () => clearTimeout(timer);
  }, []);
  return (
    <div className="flex flex-col gap-3">
      {source.kind === "consumer" && (
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 text-xs font-medium text-ink-muted">This consumer…</legend>
          {kinds.map((k) => (
            <label key={k} className="flex items-start gap-2 text-sm">
              <input
                type="radio"
                name="connect-kind"
                checked={kind === k}
                onChange={() => setKind(k)}
                className="mt-1"
              />
              <span>
                <span className="font-medium">{k}</span>
                <span className="block text-xs text-ink-muted">{EDGE_KIND_HINTS[k]}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {others.length === 0 ? (
        <p className="text-sm text-ink-muted">There is no other node yet: add one from the palette first.</p>
      ) : (
        <ul ref={list} aria-label="Nodes to connect to" className="flex flex-col gap-1">
          {others.map((target) => {
            const refusal = connectionRefusal(graph, source.id, target.id);
            return (
              <li key={target.id}>
                <button
                  type="button"
                  disabled={!!refusal}
                  aria-describedby={refusal ? `connect-why-${target.id}` : undefined}
                  onClick={() => connect(target)}
                  className="w-full rounded-md border border-line px-3 py-1.5 text-left text-sm hover:bg-surface-sunken focus-visible:outline-2 focus-visible:outline-accent disabled:cursor-not-allowed disabled:opacity-60"
                >
                  {nodeAriaLabel(target)}
                  {refusal && (
                    <span id={`connect-why-${target.id}`} className="block text-xs text-ink-muted">
                      {refusal}
                    </span>
                  )}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
