import type { NodeKind } from "@/lib/flow";

/** One small glyph per node kind, drawn in the kind's hue (palette, nodes, panel). */
export function KindIcon({ kind, size = 16 }: { kind: NodeKind; size?: number }) {
  const colour = `var(--color-${kind})`;
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" className="shrink-0">
      {kind === "producer" && (
        <>
          <circle cx="5" cy="8" r="3.2" fill={colour} />
          <path
            d="M9.5 4.5 13 8l-3.5 3.5"
            fill="none"
            stroke={colour}
            strokeWidth="1.8"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </>
      )}
      {kind === "topic" && (
        <>
          <rect x="2" y="3" width="12" height="2.6" rx="1" fill={colour} />
          <rect x="2" y="6.7" width="12" height="2.6" rx="1" fill={colour} opacity="0.75" />
          <rect x="2" y="10.4" width="12" height="2.6" rx="1" fill={colour} opacity="0.5" />
        </>
      )}
      {kind === "consumer" && (
        <>
          <path
            d="M3 4.5 6.5 8 3 11.5"
            fill="none"
            stroke={colour}
            strokeWidth="1.8"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
          <circle cx="11" cy="8" r="3.2" fill={colour} />
        </>
      )}
    </svg>
  );
}
