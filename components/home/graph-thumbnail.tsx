import type { FlowGraph } from "@/lib/flow";

const W = 44;
const H = 16;

/** A small picture of a flow: one rounded box per node in its kind's hue, a line per edge. */
export function GraphThumbnail({ graph, width = 240, height = 110 }: { graph: FlowGraph; width?: number; height?: number }) {
  if (graph.nodes.length === 0) {
    return (
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true">
        <rect x="8" y="8" width={width - 16} height={height - 16} rx="8" fill="none" stroke="var(--color-line)" strokeDasharray="5 4" strokeWidth="1.5" />
        <text x={width / 2} y={height / 2 + 5} textAnchor="middle" fontSize="22" fill="var(--color-ink-muted)">+</text>
      </svg>
    );
  }
  const xs = graph.nodes.map((n) => n.position.x);
  const ys = graph.nodes.map((n) => n.position.y);
  const minX = Math.min(...xs), minY = Math.min(...ys);
  const spanX = Math.max(...xs) - minX || 1, spanY = Math.max(...ys) - minY || 1;
  const pad = 8;
  const sx = (width - 2 * pad - W) / spanX, sy = (height - 2 * pad - H) / spanY;
  const at = new Map(graph.nodes.map((n) => [n.id, { x: pad + (n.position.x - minX) * sx, y: pad + (n.position.y - minY) * (Number.isFinite(sy) ? sy : 0), kind: n.kind }]));
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true">
      {graph.edges.map((e) => {
        const a = at.get(e.source), b = at.get(e.target);
        if (!a || !b) return null;
        return (
          <line key={e.id} x1={a.x + W} y1={a.y + H / 2} x2={b.x} y2={b.y + H / 2}
            stroke={e.kind === "dead-letters" ? "var(--color-failed)" : "var(--color-ink-muted)"} strokeOpacity="0.6" strokeWidth="1.2"
            strokeDasharray={e.kind === "emits" ? "3 2" : e.kind === "replies" ? "1 2" : undefined} />
        );
      })}
      {[...at.values()].map((n, i) => (
        <rect key={i} x={n.x} y={n.y} width={W} height={H} rx="3" fill={`var(--color-${n.kind})`} fillOpacity="0.9" />
      ))}
    </svg>
  );
}
