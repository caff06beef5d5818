import { describe, expect, it } from "vitest";
import { someNodeOutOfView, type PlacedNode } from "./minimap-needed";

const node = (x: number, y: number, width?: number, height?: number): PlacedNode => ({
  internals: { positionAbsolute: { x, y } },
  measured: { width, height },
});

describe("whether part of the flow is out of view", () => {
  it("is not when every node lies inside the canvas, edges included", () => {
    const nodes = [node(0, 0, 200, 100), node(600, 300, 200, 100)];
    // Zoom 1, no pan: the nodes span 0…800 × 0…400 on an 800 × 400 canvas.
    expect(someNodeOutOfView(nodes, [0, 0, 1], 800, 400)).toBe(false);
  });

  it("is when a node reaches past any side, after the view's pan and zoom", () => {
    const nodes = [node(0, 0, 200, 100), node(600, 300, 200, 100)];
    expect(someNodeOutOfView(nodes, [0, 0, 1], 799, 400)).toBe(true);
    expect(someNodeOutOfView(nodes, [0, 0, 1], 800, 399)).toBe(true);
    expect(someNodeOutOfView(nodes, [-1, 0, 1], 900, 500)).toBe(true);
    expect(someNodeOutOfView(nodes, [0, -1, 1], 900, 500)).toBe(true);
    // Zoomed to 2 the second node ends at 1600 × 800.
    expect(someNodeOutOfView(nodes, [0, 0, 2], 1599, 800)).toBe(true);
    expect(someNodeOutOfView(nodes, [0, 0, 2], 1600, 800)).toBe(false);
    // Zoomed out to a half and moved in by 10 px, they fit a 410 × 210 canvas.
    expect(someNodeOutOfView(nodes, [10, 10, 0.5], 410, 210)).toBe(false);
    expect(someNodeOutOfView(nodes, [10, 10, 0.5], 409, 210)).toBe(true);
  });

  it("counts a node not measured yet as a point, and an empty flow as all in view", () => {
    expect(someNodeOutOfView([node(100, 100)], [0, 0, 1], 100, 100)).toBe(false);
    expect(someNodeOutOfView([node(101, 100)], [0, 0, 1], 100, 100)).toBe(true);
    expect(someNodeOutOfView([], [0, 0, 1], 100, 100)).toBe(false);
  });
});
