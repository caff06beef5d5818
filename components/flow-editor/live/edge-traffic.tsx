"use client";

import { memo, type CSSProperties } from "react";
import { edgeTrafficView } from "@/components/realtime/edge-traffic";
import { isLive, useCanvasLive } from "./live-layer";
import { lookKey, trafficLevel, trafficSeconds, trafficWidth } from "./traffic-style";
import { scaledDashArray, scaledLength } from "../canvas/dash-scale";
import "./live.css";

/**
 * Drawn over an edge while deliveries flow on it: dots moving source → target, wider and
 * faster with the rate; the edge turns red while deliveries on it fail. Zoomed out, the dots
 * grow and spread with the edge dashes (canvas/dash-scale.ts), so traffic still shows there.
 * Subscribes to this edge's look only (a handful of steps), so a batch re-renders just the
 * edges whose look changed.
 */
export const EdgeTrafficOverlay = memo(function EdgeTrafficOverlay({
  edgeId,
  path,
  colour,
}: {
  edgeId: string;
  path: string;
  colour: string;
}) {
  const key = useCanvasLive((s) => {
    if (!isLive(s)) return "0";
    const view = edgeTrafficView(s.edges[edgeId]);
    return lookKey({ level: trafficLevel(view?.ratePerSec), failing: view?.failing ?? false });
  });
  const failing = key.endsWith("f");
  const level = Number.parseInt(key, 10);
  if (level === 0 && !failing) return null;
  const stroke = failing ? "var(--color-failed)" : colour;
  return (
    <g className="pointer-events-none" data-traffic={`level-${level}`} data-failing={failing || undefined}>
      {failing && <path d={path} fill="none" stroke="var(--color-failed)" strokeWidth={2.5} />}
      {level > 0 && (
        <path
          d={path}
          fill="none"
          className="el-traffic"
          stroke={stroke}
          strokeLinecap="round"
          strokeDasharray={scaledDashArray(0, 12)}
          style={
            {
              "--el-traffic-seconds": `${trafficSeconds(level)}s`,
              strokeWidth: scaledLength(trafficWidth(level)),
            } as CSSProperties
          }
        />
      )}
    </g>
  );
});
