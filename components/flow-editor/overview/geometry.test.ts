import { describe, expect, it } from "vitest";
import type { FlowNode } from "@/lib/flow";
import { NODE_KIND_SPECS } from "@/lib/flow";
import {
  DEFAULT_SIZE,
  contains,
  dragPositions,
  edgePath,
  minimapFrame,
  nodesBounds,
  nodesInside,
  viewRect,
} from "./geometry";

const producer = (x: number, y: number): FlowNode => ({
  id: "p",
  kind: "producer",
  position: { x, y },
  config: NODE_KIND_SPECS.producer.defaults(),
});
const topic = (x: number, y: number): FlowNode => ({
  id: "t",
  kind: "topic",
  position: { x, y },
  config: NODE_KIND_SPECS.topic.defaults(),
});

describe("edgePath", () => {
  it("runs from the source's output, beside its right side, to the target's input, beside its left side", () => {
    const path = edgePath(producer(0, 0), { width: 200, height: 60 }, topic(400, 100), {
      width: 208,
      height: 90,
    });
    expect(path).toMatch(/^M206,30 C/);
    expect(path).toMatch(/ 394,145$/);
  });

  it("uses a card's usual size until the canvas has measured it", () => {
    const path = edgePath(producer(10, 20), undefined, topic(500, 20), undefined);
    expect(path).toMatch(new RegExp(`^M${10 + DEFAULT_SIZE.width + 6},${20 + DEFAULT_SIZE.height / 2} C`));
    expect(path).toMatch(new RegExp(` 494,${20 + DEFAULT_SIZE.height / 2}$`));
  });
});

describe("dragPositions", () => {
  const start = new Map([
    ["a", { x: 10, y: 20 }],
    ["b", { x: -100, y: 0 }],
  ]);

  it("moves every dragged node by the pointer's travel divided by the zoom", () => {
    expect(dragPositions(start, { x: 50, y: -30 }, 0.25, null)).toEqual(
      new Map([
        ["a", { x: 210, y: -100 }],
        ["b", { x: 100, y: -120 }],
      ]),
    );
  });

  it("puts them on the grid when snapping", () => {
    expect(dragPositions(start, { x: 50, y: -30 }, 0.25, 16)).toEqual(
      new Map([
        ["a", { x: 208, y: -96 }],
        ["b", { x: 96, y: -112 }],
      ]),
    );
  });
});

describe("nodesBounds and nodesInside", () => {
  const nodes = [producer(0, 0), topic(400, 100)];
  const sizes = new Map([["t", { width: 200, height: 90 }]]);

  it("bounds the nodes asked for, with measured or usual sizes", () => {
    expect(nodesBounds(nodes, sizes)).toEqual({ x: 0, y: 0, width: 600, height: 190 });
    expect(nodesBounds(nodes, sizes, new Set(["p"]))).toEqual({ x: 0, y: 0, ...DEFAULT_SIZE });
    expect(nodesBounds(nodes, sizes, new Set(["gone"]))).toBeNull();
    expect(nodesBounds([], sizes)).toBeNull();
  });

  it("picks only the nodes wholly inside a box", () => {
    expect(nodesInside(nodes, sizes, { x: -1, y: -1, width: 210, height: 78 })).toEqual(["p"]);
    expect(nodesInside(nodes, sizes, { x: -1, y: -1, width: 207, height: 78 })).toEqual([]);
    expect(nodesInside(nodes, sizes, { x: 0, y: 0, width: 600, height: 190 })).toEqual(["p", "t"]);
  });
});

describe("viewRect and contains", () => {
  it("gives the part of the flow a canvas shows, and whether a box lies inside it", () => {
    const view = viewRect([-200, 100, 0.5], 800, 600);
    expect(view).toEqual({ x: 400, y: -200, width: 1600, height: 1200 });
    expect(contains(view, { x: 400, y: -200, width: 1600, height: 1200 })).toBe(true);
    expect(contains(view, { x: 399, y: 0, width: 10, height: 10 })).toBe(false);
    expect(contains(view, { x: 1900, y: 900, width: 100, height: 101 })).toBe(false);
  });
});

describe("minimapFrame", () => {
  it("fits the box around the flow and the view, centred, and maps both ways", () => {
    // Flow 0..1000 × 0..500, view 500..1500 × 0..500: the box is 1500 × 500 in a 300 × 150 map.
    const frame = minimapFrame(
      { x: 0, y: 0, width: 1000, height: 500 },
      { x: 500, y: 0, width: 1000, height: 500 },
      300,
      150,
    );
    expect(frame.scale).toBe(0.2);
    // 1500 × 0.2 = 300 wide, 500 × 0.2 = 100 high: 25 px above and below.
    expect(frame.at({ x: 0, y: 0 })).toEqual({ x: 0, y: 25 });
    expect(frame.at({ x: 1500, y: 500 })).toEqual({ x: 300, y: 125 });
    expect(frame.flowAt({ x: 150, y: 75 })).toEqual({ x: 750, y: 250 });
  });
});
