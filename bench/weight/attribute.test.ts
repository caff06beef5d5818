import { describe, expect, it } from "vitest";
import { bytesBySource, isOwnGroup, shareOut, sourceGroup } from "./attribute";

describe("sourceGroup", () => {
  it("counts a file of node_modules towards its package, scoped or not", () => {
    expect(sourceGroup("turbopack:///[project]/node_modules/zod/v4/core/schemas.js")).toBe("zod");
    expect(sourceGroup("turbopack:///[project]/node_modules/@xyflow/system/dist/esm/index.js")).toBe(
      "@xyflow/system",
    );
    expect(sourceGroup("../node_modules/next/node_modules/react/index.js")).toBe("react");
  });

  it("counts our files towards their folder two levels deep, and a file at the first level towards itself", () => {
    expect(sourceGroup("turbopack:///[project]/components/flow-editor/canvas/flow-canvas.tsx")).toBe(
      "components/flow-editor/",
    );
    expect(sourceGroup("turbopack:///[project]/lib/flow/validate.ts")).toBe("lib/flow/");
    expect(sourceGroup("turbopack:///[project]/app/layout.tsx")).toBe("app/layout.tsx");
    expect(isOwnGroup("components/flow-editor/")).toBe(true);
    expect(isOwnGroup("@xyflow/react")).toBe(false);
  });

  it("names the bundler's runtime and anything else apart", () => {
    expect(sourceGroup("turbopack:///[turbopack]/browser/runtime/base/runtime-base.ts")).toBe(
      "(bundler runtime)",
    );
    expect(sourceGroup("webpack://somewhere/else.js")).toBe("(other)");
  });
});

// Two lines of generated code. Line 1: "aaaa" from a.js, "bbbbbb" from b.ts. Line 2: "cc" from b.ts.
// Mappings: "AAAA,ICAA" (column 0 → source 0; column 4 → source 1); ";AAAA" (line 2, column 0 → source 1).
const CODE = "aaaabbbbbb\ncc";
const MAP = JSON.stringify({
  version: 3,
  sources: ["node_modules/pkg/a.js", "components/x/y/b.ts"],
  names: [],
  mappings: "AAAA,ICAA;AAAA",
});

describe("bytesBySource", () => {
  it("gives each source the bytes from its segment to the next one or to the end of the line", () => {
    expect(bytesBySource(CODE, MAP)).toEqual(
      new Map([
        ["node_modules/pkg/a.js", 4],
        ["components/x/y/b.ts", 8],
      ]),
    );
  });
});

describe("shareOut", () => {
  it("shares a script's bytes as sent among its groups by their uncompressed bytes", () => {
    const shares = shareOut(300, bytesBySource(CODE, MAP));
    expect(shares).toEqual(
      new Map([
        ["pkg", 100],
        ["components/x/", 200],
      ]),
    );
  });

  it("counts a script without mapped code as a whole", () => {
    expect(shareOut(120, new Map())).toEqual(new Map([["(no source map)", 120]]));
  });
});
