import { compileTemplate } from "../events/template";
import { trialFaker } from "../events/trial-faker";
import { nodeName } from "./names";
import type { FlowGraph, FlowNode } from "./schema";
import type { FlowIssue } from "./validate";

const TRIAL_TIME = Date.UTC(2025, 0, 15, 9, 30, 0);

/** Templates already tried (the designer asks again at every change of the graph), at most this many. */
const tried = new Map<string, string | null>();
const TRIED_MAX = 512;

/** Why a payload template cannot make an event, or null when it renders to JSON. */
export function templateProblem(template: string): string | null {
  const known = tried.get(template);
  if (known !== undefined) return known;
  const problem = tryTemplate(template);
  if (tried.size >= TRIED_MAX) tried.delete(tried.keys().next().value!);
  tried.set(template, problem);
  return problem;
}

function tryTemplate(template: string): string | null {
  const compiled = compileTemplate(template);
  if (!compiled.ok) return compiled.message;
  try {
    // One trial render: a template whose filled-in text is not JSON fails for every event.
    compiled.render({ faker: trialFaker(), nowMs: TRIAL_TIME, seq: 1 });
    return null;
  } catch (error) {
    return `the filled-in template is not valid JSON: ${(error as Error).message}`;
  }
}

/** Producers whose template cannot render: an error, as the runtime would drop every event. */
export function templateIssues(graph: FlowGraph): FlowIssue[] {
  return graph.nodes.flatMap((node, i) => {
    if (node.kind !== "producer") return [];
    const problem = templateProblem(node.config.payloadTemplate);
    if (!problem) return [];
    return [
      {
        path: `nodes[${i}].config.payloadTemplate`,
        message: `cannot make events: ${problem}`,
        severity: "error" as const,
        nodeId: node.id,
      },
    ];
  });
}

const INTO_TOPIC = new Set(["publishes", "emits", "replies", "dead-letters"]);

/** The one-line reason a node can do nothing, with what to do about it; null when it can act. */
function idleReason(graph: FlowGraph, node: FlowNode): string | null {
  const name = nodeName(node);
  if (node.kind === "producer") {
    const publishes = graph.edges.some((e) => e.source === node.id && e.kind === "publishes");
    return publishes ? null : `producer '${name}' publishes to no topic: connect it to a topic`;
  }
  if (node.kind === "consumer") {
    const subscribes = graph.edges.some((e) => e.target === node.id && e.kind === "subscribes");
    return subscribes ? null : `consumer '${name}' subscribes to no topic: connect a topic to it`;
  }
  const fed = graph.edges.some((e) => e.target === node.id && INTO_TOPIC.has(e.kind));
  return fed ? null : `topic '${name}' gets no events, nothing publishes to it: connect a producer to it`;
}

/**
 * Warnings for a flow that cannot do anything: an empty flow, a producer connected to nothing,
 * a consumer subscribed to nothing, a topic nothing publishes to. They do not block deploy.
 */
export function idleIssues(graph: FlowGraph): FlowIssue[] {
  if (graph.nodes.length === 0)
    return [
      {
        path: "nodes",
        message:
          "the flow is empty: drag a Producer, a Topic and a Consumer onto the canvas and connect them",
        severity: "warning",
      },
    ];
  return graph.nodes.flatMap((node, i) => {
    const reason = idleReason(graph, node);
    return reason
      ? [{ path: `nodes[${i}]`, message: reason, severity: "warning" as const, nodeId: node.id }]
      : [];
  });
}

/**
 * Why a deployed flow delivers nothing, in a sentence for the inspector's empty state; null
 * when events should arrive. Looks at producers first: without one that runs, nothing moves.
 */
export function whyNothingArrives(graph: FlowGraph): string | null {
  if (graph.nodes.length === 0)
    return "The flow is empty: add a producer, a topic and a consumer, then deploy.";
  const producers = graph.nodes.filter((n) => n.kind === "producer");
  if (producers.length === 0)
    return "No producer in this flow: nothing emits events. Add a producer and connect it to a topic.";
  const publishers = new Set(graph.edges.filter((e) => e.kind === "publishes").map((e) => e.source));
  const publishing = producers.filter((p) => publishers.has(p.id));
  if (publishing.length === 0)
    return `No producer is connected to a topic, so no event is published. Connect ${nodeName(producers[0])} to a topic.`;
  if (publishing.every((p) => p.kind === "producer" && p.config.mode === "manual"))
    return "Every producer fires by hand: select one and press Fire to send events.";
  const broken = publishing.find((p) => p.kind === "producer" && templateProblem(p.config.payloadTemplate));
  if (broken) return `${nodeName(broken)} cannot make events: its payload template does not render.`;
  return null;
}
