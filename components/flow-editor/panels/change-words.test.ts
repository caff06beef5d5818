import { describe, expect, it } from "vitest";
import type { ChangeSummary } from "@/lib/flow/change-summary";
import { changeLines } from "./change-words";

const none = { count: 0, names: [] };
const nothing: ChangeSummary = {
  addedNodes: none,
  removedNodes: none,
  changedNodes: none,
  movedNodes: none,
  addedEdges: none,
  removedEdges: none,
  changedEdges: none,
  scenarios: false,
};

describe("changeLines", () => {
  it("says what a version changed, one line per kind, with names and how many more", () => {
    const changes: ChangeSummary = {
      ...nothing,
      addedNodes: { count: 7, names: ["a", "b", "c", "d", "e"] },
      removedEdges: { count: 1, names: ["orders subscribes Email"] },
      movedNodes: { count: 3, names: ["x", "y", "z"] },
      scenarios: true,
    };
    expect(changeLines({ changes, renamedFrom: "Shop" })).toEqual([
      "Added 7 nodes: a, b, c, d, e and 2 more",
      "Removed 1 connection: orders subscribes Email",
      "Moved 3 nodes",
      "Changed the scenarios",
      "Renamed the flow from Shop",
    ]);
  });

  it("says when nothing changed, and when there is nothing to compare with", () => {
    expect(changeLines({ changes: nothing, renamedFrom: null })).toEqual(["No change to the flow"]);
    expect(changeLines({ changes: null, renamedFrom: null })).toEqual([
      "The first version kept: nothing earlier to compare with",
    ]);
  });
});
