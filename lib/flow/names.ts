import type { FlowNode } from "./schema";

/**
 * `base` if unused, else `base-2`, `base-3` … (a trailing `-N` of `base` is replaced, not
 * stacked), kept within `maxLength`: for topic names, consumer groups and ids.
 */
export function uniqueName(base: string, taken: ReadonlySet<string>, maxLength = 80): string {
  if (!taken.has(base)) return base;
  const stem = base.replace(/-\d+$/, "");
  for (let i = 2; ; i++) {
    const candidate = `${stem.slice(0, maxLength - String(i).length - 1)}-${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * The name a person knows a node by, the one its card shows: its label, else the producer's
 * event type, the topic's name or the consumer's group. Never the internal id.
 */
export function nodeName(node: FlowNode): string {
  if (node.label) return node.label;
  if (node.kind === "producer") return node.config.eventType;
  if (node.kind === "topic") return node.config.name;
  return node.config.group;
}

/** The config field that names a node of each kind (what a new node's default makes unique). */
export function namesInUse(nodes: readonly FlowNode[], kind: FlowNode["kind"]): Set<string> {
  return new Set(
    nodes.flatMap((n) => {
      if (n.kind !== kind) return [];
      if (n.kind === "producer") return [n.config.eventType];
      if (n.kind === "topic") return [n.config.name];
      return [n.config.group];
    }),
  );
}

/**
 * A key made from a node's name for places people read (AsyncAPI channel and operation keys):
 * letters, digits, `.`, `_` and `-`, at most 64 characters, unique within `taken` (claimed).
 */
export function readableKey(name: string, taken: Set<string>): string {
  const slug =
    name
      .trim()
      .replace(/[^A-Za-z0-9._-]+/g, "-")
      .replace(/^[-.]+|[-.]+$/g, "")
      .slice(0, 64) || "node";
  const key = uniqueName(slug, taken, 64);
  taken.add(key);
  return key;
}
