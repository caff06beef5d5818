import { FLOW_LIMITS } from "@/lib/flow";
import { uniqueName } from "@/lib/flow/names";

/** Picks `base`, or `base-2`, `base-3` … shortened to `max`, that is not yet in `taken`; takes it. */
export function claimUnique(base: string, taken: Set<string>, max: number): string {
  const name = uniqueName(base.slice(0, max), taken, max);
  taken.add(name);
  return name;
}

/**
 * A topic name (`[a-z0-9._-]`, ≤ 80) for a channel address: `/` and spaces become `.` and `-`,
 * a parameter `{streetlightId}` keeps its name (`streetlightid`), anything else is dropped.
 */
export function toTopicName(address: string): string {
  const name = address
    .toLowerCase()
    .replace(/[{}]/g, "")
    .replace(/\//g, ".")
    .replace(/\s+/g, "-")
    .replace(/[^a-z0-9._-]/g, "")
    .replace(/([._-])[._-]+/g, "$1")
    .replace(/^[._-]+|[._-]+$/g, "");
  return name.slice(0, FLOW_LIMITS.maxTopicName).replace(/[._-]+$/, "") || "topic";
}

/** A node or edge id (`[A-Za-z0-9_-]`, ≤ 64) made from an AsyncAPI key. */
export function toId(key: string): string {
  return (
    key
      .replace(/[^A-Za-z0-9_-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 64) || "node"
  );
}

/** A CloudEvents type Eventloom accepts (`[A-Za-z0-9._:/-]`, ≤ 200). */
export function toEventType(text: string): string {
  return (
    text
      .replace(/\s+/g, ".")
      .replace(/[^A-Za-z0-9._:/-]/g, "")
      .slice(0, FLOW_LIMITS.maxString) || "event"
  );
}

/** A consumer group id (`[A-Za-z0-9._-]`, ≤ 200). */
export function toGroup(text: string): string {
  return (
    text
      .replace(/[^A-Za-z0-9._-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, FLOW_LIMITS.maxString) || "group"
  );
}
