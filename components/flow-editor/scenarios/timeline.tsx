"use client";

import type { FlowGraph } from "@/lib/flow";
import { describeStep, formatSimTime, type Scenario } from "@/lib/scenarios";

/**
 * The scenario's steps on a line of simulated time, numbered as in the list of steps, and
 * below it the same steps in time order, in words.
 */
export function Timeline({ graph, scenario }: { graph: FlowGraph; scenario: Scenario }) {
  const order = scenario.steps
    .map((step, index) => ({ step, index }))
    .sort((a, b) => a.step.atMs - b.step.atMs || a.index - b.index);
  const pct = (ms: number) => `${Math.min(100, (ms / scenario.durationMs) * 100)}%`;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(f * scenario.durationMs));
  return (
    <section aria-labelledby={`${scenario.id}-timeline`} className="flex flex-col gap-1.5">
      <h3 id={`${scenario.id}-timeline`} className="text-sm font-semibold">
        Timeline
      </h3>
      <div aria-hidden="true" className="relative mx-2 mt-4 mb-5 h-1.5 rounded-full bg-surface-sunken">
        {order.map(({ step, index }) => (
          <span
            key={index}
            title={`${formatSimTime(step.atMs)} ${describeStep(step, graph)}`}
            className="absolute -top-4 flex h-5 w-5 -translate-x-1/2 items-center justify-center rounded-full bg-accent text-[10px] font-semibold text-accent-ink tabular"
            style={{ left: pct(step.atMs) }}
          >
            {index + 1}
          </span>
        ))}
        {ticks.map((t, i) => (
          <span
            key={i}
            className="absolute top-2.5 -translate-x-1/2 text-[10px] text-ink-muted tabular"
            style={{ left: pct(t) }}
          >
            {formatSimTime(t)}
          </span>
        ))}
      </div>
      {order.length > 0 && (
        <ol aria-label="Steps in time order" className="flex flex-col gap-0.5 text-xs">
          {order.map(({ step, index }) => (
            <li key={index} className="flex gap-2">
              <span className="w-14 shrink-0 text-right text-ink-muted tabular">
                {formatSimTime(step.atMs)}
              </span>
              <span>
                <span className="font-semibold">{index + 1}.</span> {describeStep(step, graph)}
              </span>
            </li>
          ))}
          <li className="flex gap-2 text-ink-muted">
            <span className="w-14 shrink-0 text-right tabular">{formatSimTime(scenario.durationMs)}</span>
            <span>end</span>
          </li>
        </ol>
      )}
    </section>
  );
}
