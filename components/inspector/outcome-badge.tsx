import type { OutcomeName } from "@/lib/realtime/protocol";
import { OUTCOME_CLASSES, OUTCOME_LABELS, OUTCOME_MARKS } from "./format";

/** An outcome as colour, mark and word. */
export function OutcomeBadge({ outcome }: { outcome: OutcomeName }) {
  return (
    <span
      className={`inline-flex items-center gap-1 rounded px-1.5 py-px text-xs leading-4 whitespace-nowrap ${OUTCOME_CLASSES[outcome]}`}
    >
      <span aria-hidden="true">{OUTCOME_MARKS[outcome]}</span>
      {OUTCOME_LABELS[outcome]}
    </span>
  );
}
