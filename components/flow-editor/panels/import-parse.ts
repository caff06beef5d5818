import { readGraph, type FlowGraph } from "@/lib/flow";

/** Why JSON is not a flow at all (rather than a flow with problems), in words; null when it looks like one. */
function notAFlowReason(json: unknown): string | null {
  const fix = "export a flow from Eventloom (Menu → Export) and import that file.";
  if (json === null || typeof json !== "object" || Array.isArray(json))
    return `it holds ${Array.isArray(json) ? "a list" : `a single ${json === null ? "null" : typeof json}`}, not a flow with nodes and edges. To move a flow, ${fix}`;
  const record = json as Record<string, unknown>;
  if ("asyncapi" in record) return "it is an AsyncAPI document. Use Menu → Import AsyncAPI for it.";
  if (!Array.isArray(record.nodes) || !Array.isArray(record.edges))
    return `it has no list of nodes and edges. To move a flow, ${fix}`;
  return null;
}

/** The name an imported file gives the flow: a FlowRecord's `name`, else the file's name without `.eventloom.json`. */
export function importedName(text: string, fileName?: string): string | null {
  try {
    const json = JSON.parse(text) as { name?: unknown };
    if (json && typeof json.name === "string" && json.name.trim()) return json.name.trim().slice(0, 120);
  } catch {
    return null;
  }
  // An export is named `<flow name as a slug>.eventloom.json`: read the slug back as words.
  const base = fileName
    ?.replace(/(\.eventloom)?\.json$/i, "")
    .replace(/[-_]+/g, " ")
    .trim();
  return base ? (base[0].toUpperCase() + base.slice(1)).slice(0, 120) : null;
}

/** Reads import text: a graph, or an object holding one under `graph` (an API FlowRecord). */
export function parseImport(
  text: string,
): { ok: true; graph: FlowGraph; warnings: number } | { ok: false; problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      problems: [
        `This is not JSON: ${(error as Error).message}. Export a flow from Eventloom and import that file.`,
      ],
    };
  }
  const candidate =
    json !== null && typeof json === "object" && "graph" in json && !("nodes" in json)
      ? (json as { graph: unknown }).graph
      : json;
  const notAFlow = notAFlowReason(candidate);
  if (notAFlow) return { ok: false, problems: [`This file is not an Eventloom flow: ${notAFlow}`] };
  const result = readGraph(candidate);
  if (!result.graph)
    return {
      ok: false,
      problems: result.issues.filter((i) => i.severity === "error").map((i) => `${i.path}: ${i.message}`),
    };
  return { ok: true, graph: result.graph, warnings: result.issues.length };
}
