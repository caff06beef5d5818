import * as Y from "yjs";
import { countProblem, edgeShapeProblem, nodeShapeProblem } from "../flow/shape";
import { FLOW_LIMITS } from "../flow/limits";
import { ZScenarioList } from "../scenarios/schema";
import {
  edgesOf,
  FLOW_DOC_ROOTS,
  flowMetaOf,
  nodesOf,
  readEdge,
  readNode,
  type TouchedEntries,
} from "./flow-doc";

const ROOTS: ReadonlySet<string> = new Set(FLOW_DOC_ROOTS);

/**
 * Why an update may not even be applied: it adds a top-level type the flow document does not
 * have (which could never be taken back out), or it is not a Yjs update at all.
 */
export function updateProblem(update: Uint8Array): string | null {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return "the change is not a Yjs update";
  }
  for (const struct of decoded.structs) {
    const parent: unknown = struct instanceof Y.Item ? struct.parent : null;
    if (typeof parent === "string" && !ROOTS.has(parent))
      return `the change adds '${parent.slice(0, 40)}', which a flow does not have`;
  }
  return null;
}

/**
 * Why the document, after a change that touched `touched`, no longer holds a flow of the right
 * shape and size (null when it does). Only what the change touched is checked, so a change to
 * one node of a 500-node flow costs one node's check.
 */
export function docProblem(doc: Y.Doc, touched: TouchedEntries): string | null {
  const nodes = nodesOf(doc);
  const edges = edgesOf(doc);
  const counted = countProblem(nodes.size, edges.size);
  if (counted) return counted;
  for (const id of touched.nodes) {
    const entry = nodes.get(id);
    if (entry === undefined) continue;
    if (!(entry instanceof Y.Map)) return `node '${id.slice(0, 64)}' is not a node`;
    const problem = nodeShapeProblem(readNode(id, entry));
    if (problem) return problem;
  }
  for (const id of touched.edges) {
    const entry = edges.get(id);
    if (entry === undefined) continue;
    if (!(entry instanceof Y.Map)) return `edge '${id.slice(0, 64)}' is not an edge`;
    const problem = edgeShapeProblem(readEdge(id, entry));
    if (problem) return problem;
  }
  if (touched.name) {
    const meta = flowMetaOf(doc);
    const name = meta.get("name");
    if (typeof name !== "string" || name.length > FLOW_LIMITS.maxFlowName)
      return `the flow's name must be text of at most ${FLOW_LIMITS.maxFlowName} characters`;
    for (const key of meta.keys())
      if (key !== "name" && key !== "scenarios") return `the flow has no field '${key.slice(0, 40)}'`;
    const scenarios = meta.get("scenarios");
    if (scenarios !== undefined && !ZScenarioList.safeParse(scenarios).success)
      return "the flow's scenarios do not have the shape of scenarios";
  }
  return null;
}
