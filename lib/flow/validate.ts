import type * as z from "../zod";
import { allowedEdgeKinds } from "./node-kinds";
import { idleIssues, templateIssues } from "./reach";
import { ZFlowGraph, type FlowEdge, type FlowGraph, type FlowNode } from "./schema";
import { scenarioIssues } from "../scenarios/validate";
import { topicSchemaIssues } from "./schema-issues";

/** One problem with a flow, at a path a person (and the designer) can act on. */
export interface FlowIssue {
  /** Dotted path into the graph, e.g. `nodes[2].config.partitions`. */
  path: string;
  message: string;
  severity: "error" | "warning";
  nodeId?: string;
  edgeId?: string;
}

export interface ValidationResult {
  /** The parsed graph, present when there are no errors (warnings allowed). */
  graph?: FlowGraph;
  issues: FlowIssue[];
}

/** Renders a zod path as `nodes[2].config.name`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, part) =>
      typeof part === "number" ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part),
    "",
  );
}

function idAt(input: unknown, collection: "nodes" | "edges", index: unknown): string | undefined {
  if (typeof index !== "number" || input === null || typeof input !== "object") return undefined;
  const list = (input as Record<string, unknown>)[collection];
  const item = Array.isArray(list) ? list[index] : undefined;
  const id = item && typeof item === "object" ? (item as { id?: unknown }).id : undefined;
  return typeof id === "string" ? id : undefined;
}

/** A zod issue's message for a person: unknown fields are named ("unknown field 'colour'"). */
export function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code !== "unrecognized_keys") return issue.message;
  return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `'${k}'`).join(", ")}`;
}

function schemaIssues(input: unknown, error: z.core.$ZodError): FlowIssue[] {
  return error.issues.map((issue) => {
    const path = formatPath(issue.path);
    const message = issueMessage(issue);
    const [collection, index] = issue.path;
    const nodeId = collection === "nodes" ? idAt(input, "nodes", index) : undefined;
    const edgeId = collection === "edges" ? idAt(input, "edges", index) : undefined;
    return { path: path || "(graph)", message, severity: "error" as const, nodeId, edgeId };
  });
}

function duplicateIds(items: readonly { id: string }[], collection: "nodes" | "edges"): FlowIssue[] {
  const seen = new Set<string>();
  const issues: FlowIssue[] = [];
  items.forEach((item, i) => {
    if (seen.has(item.id))
      issues.push({
        path: `${collection}[${i}].id`,
        message: `id '${item.id}' is used twice`,
        severity: "error",
      });
    seen.add(item.id);
  });
  return issues;
}

function edgeIssues(graph: FlowGraph, byId: Map<string, FlowNode>): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const seen = new Set<string>();
  graph.edges.forEach((edge, i) => {
    const at = (field: string, message: string, severity: FlowIssue["severity"] = "error") =>
      issues.push({ path: `edges[${i}]${field}`, message, severity, edgeId: edge.id });
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source) return at(".source", `connects from '${edge.source}', which is not in the flow`);
    if (!target) return at(".target", `connects to '${edge.target}', which is not in the flow`);
    if (!allowedEdgeKinds(source.kind, target.kind).includes(edge.kind)) {
      const allowed = allowedEdgeKinds(source.kind, target.kind);
      const hint = allowed.length
        ? `: use ${allowed.join(", ")}`
        : `: a ${source.kind} cannot connect to a ${target.kind}`;
      return at(".kind", `'${edge.kind}' cannot go from a ${source.kind} to a ${target.kind}${hint}`);
    }
    const key = `${edge.source}>${edge.target}>${edge.kind}`;
    if (seen.has(key)) at("", `duplicates another ${edge.kind} edge between the same nodes`);
    seen.add(key);
  });
  return issues;
}

function topicIssues(graph: FlowGraph): FlowIssue[] {
  const byName = new Map<string, number>();
  const issues: FlowIssue[] = [];
  graph.nodes.forEach((node, i) => {
    if (node.kind !== "topic") return;
    const first = byName.get(node.config.name);
    if (first !== undefined) {
      issues.push({
        path: `nodes[${i}].config.name`,
        message: `topic name '${node.config.name}' is already used by nodes[${first}]`,
        severity: "error",
        nodeId: node.id,
      });
    } else byName.set(node.config.name, i);
  });
  return issues;
}

function consumerIssues(graph: FlowGraph, byId: Map<string, FlowNode>): FlowIssue[] {
  const issues: FlowIssue[] = [];
  graph.nodes.forEach((node, i) => {
    if (node.kind !== "consumer") return;
    const outgoing = graph.edges.filter((e) => e.source === node.id);
    const inputs = new Set(
      graph.edges.filter((e) => e.kind === "subscribes" && e.target === node.id).map((e) => e.source),
    );
    const deadLetters = outgoing.filter((e) => e.kind === "dead-letters");
    for (const edge of deadLetters) {
      if (inputs.has(edge.target)) {
        const name =
          (byId.get(edge.target) as { config?: { name?: string } } | undefined)?.config?.name ?? edge.target;
        issues.push({
          path: `nodes[${i}]`,
          message: `consumer '${node.config.group}' dead-letters to its own input topic '${name}': pick another topic`,
          severity: "error",
          nodeId: node.id,
          edgeId: edge.id,
        });
      }
    }
    if (deadLetters.length > 1)
      issues.push({
        path: `nodes[${i}]`,
        message: `consumer '${node.config.group}' has ${deadLetters.length} dead-letter topics: keep one`,
        severity: "error",
        nodeId: node.id,
      });
    if (node.config.action === "reply" && !outgoing.some((e) => e.kind === "replies")) {
      issues.push({
        path: `nodes[${i}].config.action`,
        message: `consumer '${node.config.group}' replies but has no 'replies' edge to a topic`,
        severity: "warning",
        nodeId: node.id,
      });
    }
    if (node.config.action === "transform" && !outgoing.some((e) => e.kind === "emits")) {
      issues.push({
        path: `nodes[${i}].config.action`,
        message: `consumer '${node.config.group}' transforms but has no 'emits' edge to a topic`,
        severity: "warning",
        nodeId: node.id,
      });
    }
  });
  return issues;
}

/** Warns about emit cycles (topic → consumer → topic …) whose subscriptions carry no filter. */
function cycleIssues(graph: FlowGraph): FlowIssue[] {
  const next = new Map<string, FlowEdge[]>();
  for (const edge of graph.edges) {
    if (edge.kind === "publishes" || edge.kind === "dead-letters") continue;
    const list = next.get(edge.source) ?? [];
    list.push(edge);
    next.set(edge.source, list);
  }
  const issues: FlowIssue[] = [];
  const reported = new Set<string>();
  const state = new Map<string, "active" | "done">();
  const stack: FlowEdge[] = [];
  const visit = (nodeId: string) => {
    state.set(nodeId, "active");
    for (const edge of next.get(nodeId) ?? []) {
      const seen = state.get(edge.target);
      stack.push(edge);
      if (seen === "active") {
        const start = stack.findIndex((e) => e.source === edge.target);
        const cycle = stack.slice(start);
        const unfiltered = cycle.every(
          (e) => e.kind !== "subscribes" || !e.filter || Object.keys(e.filter).length === 0,
        );
        const key = cycle
          .map((e) => e.id)
          .sort()
          .join(",");
        if (unfiltered && !reported.has(key)) {
          reported.add(key);
          const ids = cycle.map((e) => e.source);
          issues.push({
            path: "edges",
            message: `events loop through ${ids.join(" → ")} with no filter: the runtime will cut them at the hop limit`,
            severity: "warning",
            edgeId: cycle[0].id,
          });
        }
      } else if (!seen) visit(edge.target);
      stack.pop();
    }
    state.set(nodeId, "done");
  };
  for (const node of graph.nodes) if (!state.has(node.id)) visit(node.id);
  return issues;
}

/**
 * Checks a graph in two passes: shape (zod, with unknown fields and limits) and meaning
 * (edges, names, cycles, payload templates that cannot render, nodes that can do nothing,
 * scenarios). Errors make the graph unusable (it is neither saved nor deployed); warnings do
 * not (a scenario naming a deleted node is a warning here and an error when it is run).
 */
export function validateGraph(input: unknown): ValidationResult {
  const parsed = ZFlowGraph.safeParse(input);
  if (!parsed.success) return { issues: schemaIssues(input, parsed.error) };
  const graph = parsed.data;
  const byId = new Map(graph.nodes.map((n) => [n.id, n] as const));
  const issues = [
    ...duplicateIds(graph.nodes, "nodes"),
    ...duplicateIds(graph.edges, "edges"),
    ...edgeIssues(graph, byId),
    ...topicIssues(graph),
    ...topicSchemaIssues(graph),
    ...consumerIssues(graph, byId),
    ...cycleIssues(graph),
    ...templateIssues(graph),
    ...idleIssues(graph),
    ...scenarioIssues(graph),
  ];
  return issues.some((i) => i.severity === "error") ? { issues } : { graph, issues };
}
