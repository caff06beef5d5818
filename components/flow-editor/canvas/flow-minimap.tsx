"use client";

import { MiniMap, useStore } from "@xyflow/react";
import type { FlowRfNode } from "./to-react-flow";
import { someNodeOutOfView } from "./minimap-needed";

const minimapColour = (node: FlowRfNode) => `var(--color-${node.type})`;

/**
 * The minimap, while part of the flow is out of view: with every node on the canvas it would
 * only repeat it, smaller (and on a 500-node flow it redrew 500 shapes at every change someone made).
 */
export function FlowMinimap() {
  const needed = useStore((s) => someNodeOutOfView(s.nodeLookup.values(), s.transform, s.width, s.height));
  return needed ? (
    <MiniMap position="bottom-right" pannable zoomable nodeColor={minimapColour} ariaLabel="Minimap" />
  ) : null;
}
