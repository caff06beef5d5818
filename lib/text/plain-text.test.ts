import { describe, expect, it } from "vitest";
import { z } from "zod";
import { plainText, plainTextProblem } from "./plain-text";

describe("plainTextProblem", () => {
  it("accepts names in any script, emoji and joined characters", () => {
    for (const name of [
      "Orders",
      "Zahlungsströme",
      "注文フロー",
      "طلبات",
      "🚀 launch",
      "👩‍💻 team",
      "a b-c_d.e",
    ])
      expect(plainTextProblem(name)).toBeNull();
  });

  it("refuses control characters, bidi formatting and lone surrogates", () => {
    expect(plainTextProblem("a\u0000b")).toBe(
      "must not contain control or bidirectional formatting characters (found U+0000)",
    );
    expect(plainTextProblem("line\nbreak")).toMatch(/found U\+000A/);
    expect(plainTextProblem("invoice\u202Etxt.exe")).toMatch(/found U\+202E/);
    expect(plainTextProblem("\u2066isolate")).toMatch(/found U\+2066/);
    expect(plainTextProblem("\u0085next")).toMatch(/found U\+0085/);
    expect(plainTextProblem("half \ud83d")).toBe(
      "must not contain a lone surrogate (an incomplete UTF-16 character)",
    );
    expect(plainTextProblem("\ude00 half")).toMatch(/lone surrogate/);
  });

  it("refines a schema with an issue at the field", () => {
    const schema = z.object({ name: plainText(z.string()) });
    expect(schema.safeParse({ name: "a\u202Eb" }).error?.issues).toEqual([
      expect.objectContaining({ path: ["name"], message: expect.stringMatching(/U\+202E/) }),
    ]);
  });
});
