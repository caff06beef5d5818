import { Handle, Position } from "@xyflow/react";
import type { ReactNode } from "react";
import type { FlowNode } from "@/lib/flow";
import { nodeAriaLabel, nodeTitle } from "../labels";
import { NodeLiveFigures, useNodeShowsLive } from "../live/node-figures";
import { KindIcon } from "./kind-icon";
import { useNodeIssues } from "./use-node-issues";
import { useSelectedBy } from "../presence/remote-pointers";
import "./far-zoom.css";

const KIND_TITLE = { producer: "Producer", topic: "Topic", consumer: "Consumer" } as const;
const HANDLE = "!h-3 !w-3 !border-2 !bg-surface-raised";

/** The card every node kind shares: hue stripe, icon, title, a few facts, live counters while running, handles where connections are allowed. */
export function NodeShell({
  node,
  selected,
  input,
  output,
  children,
}: {
  node: FlowNode;
  selected: boolean;
  input: boolean;
  output: boolean;
  children: ReactNode;
}) {
  const { text: issues, severity } = useNodeIssues(node.id);
  const hue = `var(--color-${node.kind})`;
  const name = nodeAriaLabel(node);
  const live = useNodeShowsLive(node.id);
  const selectedBy = useSelectedBy(node.id);
  const others = selectedBy ? selectedBy.split(",").map((entry) => entry.split("|") as [string, string]) : [];
  return (
    <div
      className={`el-node-card relative w-52 rounded-lg border bg-surface-raised shadow-sm ${selected ? "border-accent ring-2 ring-accent/40" : severity === "error" ? "border-failed" : "border-line"}`}
      // Someone else's selection: an outline in their colour (ours stays the accent ring).
      style={others.length ? { outline: `2px solid ${others[0][1]}`, outlineOffset: 3 } : undefined}
    >
      {others.length > 0 && (
        <span
          className="absolute -top-5 right-0 rounded px-1.5 text-[10px] font-medium whitespace-nowrap text-white"
          style={{ background: others[0][1] }}
        >
          Selected by {others.map(([name]) => name).join(", ")}
        </span>
      )}
      <div className="absolute inset-y-0 left-0 w-1 rounded-l-lg" style={{ background: hue }} />
      <div className="flex flex-col gap-0.5 py-2 pr-3 pl-3.5">
        {/* One line height whether or not a problem badge shows, so cards never shift when validation runs. */}
        <div className="el-node-text flex h-4 items-center gap-1.5 text-[11px] leading-4 font-medium tracking-wide text-ink-muted uppercase">
          <KindIcon kind={node.kind} size={12} />
          {KIND_TITLE[node.kind]}
          {severity && (
            <span
              title={issues}
              role="img"
              aria-label={issues}
              className={`ml-auto text-xs leading-4 normal-case ${severity === "error" ? "text-failed" : "text-retry"}`}
            >
              {severity === "error" ? "● error" : "▲ warning"}
            </span>
          )}
        </div>
        <div className="el-node-text truncate font-semibold text-ink" title={nodeTitle(node)}>
          {nodeTitle(node)}
        </div>
        {/* While the flow runs, the live counters take the place of the config facts (same height, no overlap). */}
        {live ? (
          <NodeLiveFigures nodeId={node.id} kind={node.kind} />
        ) : (
          // Long names are cut with an ellipsis inside the card; each fact carries its full text as a tooltip.
          <div className="el-node-text tabular flex min-w-0 flex-wrap gap-x-2 text-xs text-ink-muted [&>span]:max-w-full [&>span]:truncate">
            {children}
          </div>
        )}
      </div>
      {input && (
        <Handle
          type="target"
          position={Position.Left}
          className={HANDLE}
          style={{ borderColor: hue }}
          aria-label={`Input of ${name}`}
        />
      )}
      {output && (
        <Handle
          type="source"
          position={Position.Right}
          className={HANDLE}
          style={{ borderColor: hue }}
          aria-label={`Output of ${name}`}
        />
      )}
    </div>
  );
}
