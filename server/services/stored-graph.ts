import { emptyGraph, readGraph, type FlowGraph, type FlowIssue } from "@/lib/flow";

/**
 * Reads a stored graph: migrated and validated, never trusted. One that no longer validates
 * is returned as stored, with its errors, so the designer can show and fix them.
 */
export function parseStoredGraph(text: string): { graph: FlowGraph; issues: FlowIssue[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {
      graph: emptyGraph(),
      issues: [{ path: "(graph)", message: "the stored graph is not JSON", severity: "error" }],
    };
  }
  const read = readGraph(raw);
  return { graph: read.graph ?? (raw as FlowGraph), issues: read.issues };
}
