import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { PLACEHOLDER } from "@/lib/events/json-text";

/**
 * Counts the placeholders in `text` with the producers' own pattern inside a V8 context that is
 * stopped after `deadlineMs`, so a pattern that backtracks fails this test instead of hanging
 * the test run (a regular expression cannot be interrupted from its own thread).
 */
function countPlaceholders(text: string, deadlineMs = 20_000): number {
  return runInNewContext(
    "text.match(new RegExp(source, flags))?.length ?? 0",
    {
      text,
      source: PLACEHOLDER.source,
      flags: PLACEHOLDER.flags,
    },
    { timeout: deadlineMs },
  ) as number;
}

describe("the payload-template placeholder pattern", () => {
  // Templates are at most 16 KB, where an overlapping pattern cost about a second; at 1 MB the
  // same inputs take it hours (quadratic backtracking) while a linear pattern needs milliseconds.
  it("reads a megabyte of unclosed placeholders in linear time: no match, no backtracking", () => {
    expect(countPlaceholders("{{a:" + " ".repeat(1_000_000))).toBe(0);
    expect(countPlaceholders("{{a:".repeat(250_000))).toBe(0);
    expect(countPlaceholders("{{ a:".repeat(200_000) + "}")).toBe(0);
  });

  it("still finds every well-formed placeholder in a megabyte of them", () => {
    expect(countPlaceholders('{"n": {{seq}}, "q": {{int:1:5}}, "x": "{{ pick:a|b }}"}'.repeat(20_000))).toBe(
      60_000,
    );
  });
});
