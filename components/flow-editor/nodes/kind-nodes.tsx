import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import type { ConsumerNode, ProducerNode, TopicNode } from "@/lib/flow";
import type { FlowRfNode } from "../canvas/to-react-flow";
import { NodeShell } from "./node-shell";
import { useEditor } from "../store/editor-context";
import { groupShareText, groupSharers } from "./group-sharing";

function emission(config: ProducerNode["config"]): string {
  if (config.mode === "rate") return `${config.ratePerSec}/s`;
  if (config.mode === "interval") return `every ${config.intervalMs} ms`;
  if (config.mode === "burst") return `burst of ${config.burstCount}`;
  return "by hand";
}

export const ProducerNodeView = memo(function ProducerNodeView({ data, selected }: NodeProps<FlowRfNode>) {
  const node = data.node as ProducerNode;
  return (
    <NodeShell node={node} selected={selected} input={false} output>
      <span title={node.label ? node.config.eventType : node.config.source}>
        {node.label ? node.config.eventType : node.config.source}
      </span>
      <span>{emission(node.config)}</span>
    </NodeShell>
  );
});

export const TopicNodeView = memo(function TopicNodeView({ data, selected }: NodeProps<FlowRfNode>) {
  const node = data.node as TopicNode;
  const { partitions } = node.config;
  return (
    <NodeShell node={node} selected={selected} input output>
      {node.label && <span title={node.config.name}>{node.config.name}</span>}
      <span>
        {partitions} partition{partitions === 1 ? "" : "s"}
      </span>
    </NodeShell>
  );
});

export const ConsumerNodeView = memo(function ConsumerNodeView({ data, selected }: NodeProps<FlowRfNode>) {
  const node = data.node as ConsumerNode;
  const { config } = node;
  const sharing = useEditor((s) => groupSharers(s.graph, node));
  return (
    <NodeShell node={node} selected={selected} input output>
      {node.label && <span title={`group ${config.group}`}>group {config.group}</span>}
      {sharing > 0 && (
        <span className="text-retry" title={groupShareText(config.group, sharing)}>
          shares its group: splits the work
        </span>
      )}
      <span>{config.action}</span>
      {config.failureRatePct > 0 && <span>{config.failureRatePct}% fail</span>}
      <span className={config.online ? "text-acked" : "text-ink-muted"}>
        {config.online ? "● online" : "○ offline"}
      </span>
    </NodeShell>
  );
});

/** Passed to React Flow as `nodeTypes`; defined once so React Flow never remounts nodes. */
export const NODE_TYPES = { producer: ProducerNodeView, topic: TopicNodeView, consumer: ConsumerNodeView };
