import type { RevisionPage, RevisionSummary } from "@/lib/api/flows";
import { summarizeChanges } from "@/lib/flow/change-summary";
import type { StoredRevision } from "../db/flows-repo";
import { parseStoredGraph } from "./stored-graph";

const editorsOf = (text: string): string[] => {
  try {
    const names: unknown = JSON.parse(text);
    return Array.isArray(names) ? names.filter((n): n is string => typeof n === "string") : [];
  } catch {
    return [];
  }
};

/**
 * A page of revisions, newest first, from `rows` (up to `limit + 1`, newest first: the extra one
 * is the revision before the page's oldest, so that one's changes can be told too). Each says
 * who edited and what changed from the revision kept before it (null when none is kept).
 */
export function revisionPage(rows: readonly StoredRevision[], limit: number): RevisionPage {
  const graphs = rows.map((r) => parseStoredGraph(r.graph).graph);
  const revisions: RevisionSummary[] = rows.slice(0, limit).map((r, i) => ({
    version: r.version,
    name: r.name,
    label: r.label,
    editors: editorsOf(r.editors),
    createdAt: r.createdAt.toISOString(),
    nodeCount: graphs[i].nodes?.length ?? 0,
    edgeCount: graphs[i].edges?.length ?? 0,
    changes: i + 1 < rows.length ? summarizeChanges(graphs[i + 1], graphs[i]) : null,
    renamedFrom: i + 1 < rows.length && rows[i + 1].name !== r.name ? rows[i + 1].name : null,
  }));
  return {
    revisions,
    nextBefore: rows.length > limit ? revisions[revisions.length - 1].version : null,
  };
}
