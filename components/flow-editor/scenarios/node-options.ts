import type { FlowNode } from "@/lib/flow";
import { nodeName } from "@/lib/scenarios";

/**
 * The choices of a node menu: the nodes that fit, the current one even when it no longer
 * exists (so the menu shows what the scenario says, and the problem beside it), and for
 * expectations that may name none, "Every group".
 */
export function nodeOptions(
  targets: readonly FlowNode[],
  current: string | undefined,
  { optional = false }: { optional?: boolean } = {},
): { value: string; label: string }[] {
  const options = targets.map((n) => ({ value: n.id, label: nodeName(n) }));
  if (current && !targets.some((n) => n.id === current))
    options.unshift({ value: current, label: `${current} (not usable)` });
  if (optional) options.unshift({ value: "", label: "Every group" });
  return options;
}
