import { describe, expect, it } from "vitest";
import { parseWithoutCompiling } from "./zod-jitless";

const holder = globalThis as { __zod_globalConfig?: { jitless?: boolean } };

describe("parseWithoutCompiling", () => {
  it("sets zod's global configuration before zod is loaded, and zod keeps it", async () => {
    delete holder.__zod_globalConfig;
    parseWithoutCompiling();
    const { config } = await import("zod/v4/core");
    expect(config().jitless).toBe(true);
    expect(config()).toBe(holder.__zod_globalConfig);
  });

  it("sets it on the configuration of a zod already loaded", async () => {
    const { config } = await import("zod/v4/core");
    config({ jitless: false });
    parseWithoutCompiling();
    expect(config().jitless).toBe(true);
  });

  it("leaves zod parsing as before", async () => {
    parseWithoutCompiling();
    const { z } = await import("zod");
    const schema = z.strictObject({ name: z.string().min(1) });
    expect(schema.safeParse({ name: "orders" }).success).toBe(true);
    expect(schema.safeParse({ name: "", extra: 1 }).error?.issues.map((i) => i.code)).toEqual([
      "too_small",
      "unrecognized_keys",
    ]);
  });
});
