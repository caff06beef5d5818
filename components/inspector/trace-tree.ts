import type { DeliveryRow, EventTrace } from "@/lib/realtime/protocol";
import type { EventEnvelope } from "@/lib/events/envelope";

/** One event of a conversation, its delivery steps, and the events it caused. */
export interface TraceNode {
  eventId: string;
  eventType: string;
  envelope?: EventEnvelope;
  steps: DeliveryRow[];
  children: TraceNode[];
  /** When the event first shows up in the trace. */
  firstAtMs: number;
}

/**
 * Arranges a trace as a tree by causation id: roots are events whose cause is not in the
 * trace (usually the conversation's first event). Events known only from delivery steps
 * (their envelope trimmed away) still appear. Children are in time order.
 */
export function buildTraceTree(trace: EventTrace): { roots: TraceNode[]; startMs: number } {
  const nodes = new Map<string, TraceNode>();
  const causeOf = new Map<string, string | undefined>();
  const nodeFor = (eventId: string, eventType: string, atMs: number) => {
    let node = nodes.get(eventId);
    if (!node) nodes.set(eventId, (node = { eventId, eventType, steps: [], children: [], firstAtMs: atMs }));
    return node;
  };
  for (const event of trace.events) {
    const node = nodeFor(event.id, event.type, Date.parse(event.time));
    node.envelope = event;
    causeOf.set(event.id, event.causationid);
  }
  for (const record of trace.records) {
    const node = nodeFor(record.eventId, record.eventType, record.atMs);
    node.steps.push(record);
    node.firstAtMs = Math.min(node.firstAtMs, record.atMs);
    if (!causeOf.has(record.eventId)) causeOf.set(record.eventId, record.causationId);
  }
  const roots: TraceNode[] = [];
  for (const node of nodes.values()) {
    node.steps.sort((a, b) => a.seq - b.seq);
    const cause = causeOf.get(node.eventId);
    const parent = cause !== undefined && cause !== node.eventId ? nodes.get(cause) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const byTime = (a: TraceNode, b: TraceNode) => a.firstAtMs - b.firstAtMs;
  for (const node of nodes.values()) node.children.sort(byTime);
  roots.sort(byTime);
  const startMs = Math.min(...[...nodes.values()].map((n) => n.firstAtMs).filter(Number.isFinite), Infinity);
  return { roots, startMs: Number.isFinite(startMs) ? startMs : 0 };
}
