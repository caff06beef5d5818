import type { RevisionSummary } from "@/lib/api/flows";
import type { NamedChanges } from "@/lib/flow/change-summary";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function line(verb: string, what: "node" | "connection", changes: NamedChanges, listNames = true): string[] {
  if (changes.count === 0) return [];
  const more = changes.count - changes.names.length;
  const names = listNames ? `: ${changes.names.join(", ")}${more > 0 ? ` and ${more} more` : ""}` : "";
  return [`${verb} ${plural(changes.count, what)}${names}`];
}

/**
 * What a version changed, one line per kind of change, in the history dialog's words:
 * "Added 2 nodes: audit, Refunds", "Moved 3 nodes", "Renamed the flow from Shop".
 */
export function changeLines(revision: Pick<RevisionSummary, "changes" | "renamedFrom">): string[] {
  const { changes, renamedFrom } = revision;
  if (!changes) return ["The first version kept: nothing earlier to compare with"];
  const lines = [
    ...line("Added", "node", changes.addedNodes),
    ...line("Removed", "node", changes.removedNodes),
    ...line("Changed", "node", changes.changedNodes),
    ...line("Added", "connection", changes.addedEdges),
    ...line("Removed", "connection", changes.removedEdges),
    ...line("Changed", "connection", changes.changedEdges),
    ...line("Moved", "node", changes.movedNodes, false),
    ...(changes.scenarios ? ["Changed the scenarios"] : []),
    ...(renamedFrom !== null ? [`Renamed the flow from ${renamedFrom}`] : []),
  ];
  return lines.length > 0 ? lines : ["No change to the flow"];
}
