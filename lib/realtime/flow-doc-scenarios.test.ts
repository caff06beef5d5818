import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { iotSensorsGraph } from "../templates/iot-sensors";
import { graphMirror, readDocGraph, touchedEntries } from "./flow-doc";
import { docProblem } from "./flow-doc-check";
import { seedFlowDoc, writeGraphChanges } from "./flow-doc-write";

/** Two replicas kept in sync, as the server and a browser are. */
function pair() {
  const [a, b] = [new Y.Doc(), new Y.Doc()];
  a.on("update", (update: Uint8Array) => Y.applyUpdate(b, update));
  b.on("update", (update: Uint8Array) => Y.applyUpdate(a, update));
  return [a, b] as const;
}

describe("a flow's scenarios in the shared document", () => {
  it("travel with the flow: seeded, read back, kept through others' edits, and changed as a whole", () => {
    const [server, browser] = pair();
    seedFlowDoc(server, iotSensorsGraph, "Sensors");
    expect(readDocGraph(browser)).toEqual(iotSensorsGraph);

    // Someone moves a node: the scenarios stay exactly as they were.
    const before = readDocGraph(browser);
    const moved = {
      ...before,
      nodes: before.nodes.map((n, i) => (i === 0 ? { ...n, position: { x: 7, y: 9 } } : n)),
    };
    writeGraphChanges(browser, before, moved);
    expect(readDocGraph(server).scenarios).toEqual(iotSensorsGraph.scenarios);

    // Someone edits a scenario: everyone's graph, and the mirror the canvas reads, has it.
    const mirror = graphMirror(server);
    expect(mirror.graph().scenarios).toEqual(iotSensorsGraph.scenarios);
    const renamed = iotSensorsGraph.scenarios!.map((s, i) => (i === 0 ? { ...s, name: "Renamed burst" } : s));
    let changed = false;
    server.on("afterTransaction", (t: Y.Transaction) => (changed = mirror.invalidate(t) || changed));
    writeGraphChanges(browser, moved, { ...moved, scenarios: renamed });
    expect(changed).toBe(true);
    expect(mirror.graph().scenarios?.[0].name).toBe("Renamed burst");
    expect(readDocGraph(server).scenarios?.[0].name).toBe("Renamed burst");

    // Removing them all removes the field.
    writeGraphChanges(browser, { ...moved, scenarios: renamed }, { ...moved, scenarios: undefined });
    expect("scenarios" in readDocGraph(server)).toBe(false);
  });

  it("refuses a change that puts something other than scenarios there", () => {
    const doc = new Y.Doc();
    seedFlowDoc(doc, iotSensorsGraph, "Sensors");
    let problem: string | null = null;
    doc.on("afterTransaction", (t: Y.Transaction) => (problem = docProblem(doc, touchedEntries(doc, t))));
    doc.transact(() => doc.getMap("flow").set("scenarios", [{ name: 42 }]));
    expect(problem).toBe("the flow's scenarios do not have the shape of scenarios");
  });
});
