"use client";

import { ControlButton } from "@xyflow/react";
import { useFitGraph, type FitRequest } from "./use-fit-graph";

/**
 * The canvas controls' "Fit View", fitting the flow itself (see useFitGraph) rather than React
 * Flow's nodes, which the overview of a big flow leaves it without.
 */
export function FitButton({ options, onFit }: { options: FitRequest; onFit: () => void }) {
  const fit = useFitGraph();
  return (
    <ControlButton
      title="Fit view"
      aria-label="Fit View"
      onClick={() => {
        fit(options);
        onFit();
      }}
    >
      <svg viewBox="0 0 16 16" stroke="currentColor" strokeWidth={2} style={{ fill: "none" }} aria-hidden>
        <path d="M1 5V1h4M11 1h4v4M15 11v4h-4M5 15H1v-4" />
      </svg>
    </ControlButton>
  );
}
