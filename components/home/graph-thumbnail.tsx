import type { FlowGraph } from "@/lib/flow";

/** A node's size on the canvas, in flow units. */
const NODE_W = 208;
const NODE_H = 72;

/** A small picture of a flow: one rounded box per node in its kind's hue, a line per edge. */
export function GraphThumbnail({
  graph,
  width = 240,
  height = 110,
}: {
  graph: FlowGraph;
  width?: number;
  height?: number;
}) {
  if (graph.nodes.length === 0) {
    return (
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true">
        <rect
          x="8"
          y="8"
          width={width - 16}
          height={height - 16}
          rx="8"
          fill="none"
          stroke="var(--color-line)"
          strokeDasharray="5 4"
          strokeWidth="1.5"
        />
        <text
          x={width / 2}
          y={height / 2 + 5}
          textAnchor="middle"
          fontSize="22"
          fill="var(--color-ink-muted)"
        >
          +
        </text>
      </svg>
    );
  }
  // One scale for both axes, counting the nodes' own size, so boxes never overlap and the
  // picture keeps the graph's proportions, centred in the frame.
  const xs = graph.nodes.map((n) => n.position.x);
  const ys = graph.nodes.map((n) => n.position.y);
  const minX = Math.min(...xs),
    minY = Math.min(...ys);
  const spanX = Math.max(...xs) - minX + NODE_W,
    spanY = Math.max(...ys) - minY + NODE_H;
  const pad = 10;
  const scale = Math.min((width - 2 * pad) / spanX, (height - 2 * pad) / spanY);
  const offX = (width - spanX * scale) / 2,
    offY = (height - spanY * scale) / 2;
  const W = NODE_W * scale,
    H = NODE_H * scale;
  const at = new Map(
    graph.nodes.map((n) => [
      n.id,
      { x: offX + (n.position.x - minX) * scale, y: offY + (n.position.y - minY) * scale, kind: n.kind },
    ]),
  );
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true">
      {graph.edges.map((e) => {
        const a = at.get(e.source),
          b = at.get(e.target);
        if (!a || !b) return null;
        return (
          <line
            key={e.id}
            x1={a.x + W}
            y1={a.y + H / 2}
            x2={b.x}
            y2={b.y + H / 2}
            stroke={e.kind === "dead-letters" ? "var(--color-failed)" : "var(--color-ink-muted)"}
            strokeOpacity="0.6"
            strokeWidth="1.2"
            strokeDasharray={e.kind === "emits" ? "3 2" : e.kind === "replies" ? "1 2" : undefined}
          />
        );
      })}
      {[...at.values()].map((n, i) => (
        <rect
          key={i}
          x={n.x}
          y={n.y}
          width={W}
          height={H}
          rx={Math.max(2, H / 5)}
          fill={`var(--color-${n.kind})`}
          fillOpacity="0.9"
        />
      ))}
    </svg>
  );
}
