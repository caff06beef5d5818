import type * as z from "../zod";
import { FLOW_LIMITS } from "./limits";
import { ZFlowEdge, ZFlowNode } from "./schema";
import { formatPath, issueMessage } from "./validate";

/** The most JSON one node or edge may take: a 16 KB payload template plus room for the rest. */
export const MAX_ENTRY_BYTES = 24 * 1024;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Problems of shape and size are refused while a flow is edited together (a wrong type, an
 * unknown field or kind, a string or list over its limit): the editor never makes them, so
 * only a broken or hostile client does. Values a person is still working on (a number out of
 * range, a topic name with capitals, a transform without an expression) are allowed while
 * editing and shown as issues, as they are for one person.
 */
function isShapeIssue(issue: z.core.$ZodIssue): boolean {
  switch (issue.code) {
    case "invalid_type":
    case "unrecognized_keys":
    case "invalid_union":
    case "invalid_value":
    case "invalid_key":
    case "invalid_element":
      return true;
    case "too_big":
      return issue.origin === "string" || issue.origin === "array";
    default:
      return false;
  }
}

function entryProblem(schema: z.ZodMiniType, entry: unknown, what: string): string | null {
  const id = (entry as { id?: unknown } | null)?.id;
  if (typeof id !== "string" || !ID.test(id)) return `${what} has no valid id`;
  if (JSON.stringify(entry).length > MAX_ENTRY_BYTES)
    return `${what} '${id}' is over ${MAX_ENTRY_BYTES / 1024} KB`;
  const parsed = schema.safeParse(entry);
  const issue = parsed.success ? undefined : parsed.error.issues.find(isShapeIssue);
  if (!issue) return null;
  const path = formatPath(issue.path);
  return `${what} '${id}'${path ? ` ${path}` : ""}: ${issueMessage(issue)}`;
}

/** Why a node may not be in a flow at all (null when its shape is right). */
export const nodeShapeProblem = (node: unknown) => entryProblem(ZFlowNode, node, "node");

/** Why an edge may not be in a flow at all (null when its shape is right). */
export const edgeShapeProblem = (edge: unknown) => entryProblem(ZFlowEdge, edge, "edge");

/** Why a graph with this many nodes and edges is over the limits (null when it is not). */
export function countProblem(nodes: number, edges: number): string | null {
  if (nodes > FLOW_LIMITS.maxNodes) return `a flow holds at most ${FLOW_LIMITS.maxNodes} nodes`;
  if (edges > FLOW_LIMITS.maxEdges) return `a flow holds at most ${FLOW_LIMITS.maxEdges} edges`;
  return null;
}
