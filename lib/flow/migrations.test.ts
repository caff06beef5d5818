import { describe, expect, it } from "vitest";
import { migrateGraph } from "./migrations";
import { readGraph } from "./parse-stored";

describe("migrateGraph / readGraph", () => {
  it("lifts a graph saved before schemaVersion existed", () => {
    expect(migrateGraph({ nodes: [], edges: [] })).toEqual({
      ok: true,
      from: 0,
      graph: { nodes: [], edges: [], schemaVersion: 2 },
    });
    expect(readGraph({ nodes: [], edges: [] })).toEqual({
      graph: { schemaVersion: 2, nodes: [], edges: [] },
      issues: [expect.objectContaining({ path: "nodes", severity: "warning" })],
    });
  });

  it("lifts a version-1 graph (before scenarios) to version 2 without inventing scenarios", () => {
    const v1 = { schemaVersion: 1, nodes: [], edges: [] };
    expect(migrateGraph(v1)).toEqual({
      ok: true,
      from: 1,
      graph: { schemaVersion: 2, nodes: [], edges: [] },
    });
  });

  it("refuses a graph from a newer version and non-objects", () => {
    expect(migrateGraph({ schemaVersion: 3, nodes: [], edges: [] })).toEqual({
      ok: false,
      message: "schemaVersion 3 is newer than this Eventloom understands (2)",
    });
    expect(readGraph([]).issues).toEqual([
      { path: "schemaVersion", message: "a flow graph must be a JSON object", severity: "error" },
    ]);
    expect(readGraph({ schemaVersion: "1" }).issues[0].message).toBe("schemaVersion must be a whole number");
  });
});
