import { describe, expect, it } from "vitest";
import example from "@/examples/ecommerce-orders.json";
import { importedName, parseImport } from "./import-parse";

describe("parseImport", () => {
  it("says in words that a file is not a flow, never with a raw schema message", () => {
    const fix = "To move a flow, export a flow from Eventloom (Menu → Export) and import that file.";
    expect(parseImport('{"name": "eventloom", "version": "0.1.0"}')).toEqual({
      ok: false,
      problems: [`This file is not an Eventloom flow: it has no list of nodes and edges. ${fix}`],
    });
    expect(parseImport("[1, 2]")).toEqual({
      ok: false,
      problems: [
        `This file is not an Eventloom flow: it holds a list, not a flow with nodes and edges. ${fix}`,
      ],
    });
    expect(parseImport('"hello"')).toEqual({
      ok: false,
      problems: [
        `This file is not an Eventloom flow: it holds a single string, not a flow with nodes and edges. ${fix}`,
      ],
    });
    expect(parseImport('{"asyncapi": "3.0.0", "info": {}}')).toEqual({
      ok: false,
      problems: [
        "This file is not an Eventloom flow: it is an AsyncAPI document. Use Menu → Import AsyncAPI for it.",
      ],
    });
  });

  it("reads a flow, or an API record holding one", () => {
    expect(parseImport(JSON.stringify(example))).toMatchObject({ ok: true, graph: example });
    expect(parseImport(JSON.stringify({ name: "Shop", graph: example }))).toMatchObject({ ok: true });
  });
});

describe("importedName", () => {
  it("takes the record's name, else the file's name without .eventloom.json, read as words", () => {
    expect(importedName(JSON.stringify({ name: "Shop orders", graph: example }), "x.json")).toBe(
      "Shop orders",
    );
    expect(importedName(JSON.stringify(example), "checkout-pipeline.eventloom.json")).toBe(
      "Checkout pipeline",
    );
    expect(importedName(JSON.stringify(example), "orders.json")).toBe("Orders");
    expect(importedName(JSON.stringify(example))).toBeNull();
  });
});
