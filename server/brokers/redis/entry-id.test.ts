import { describe, expect, it } from "vitest";
import { compareEntryIds, entryIdBefore, parseEntryId } from "./entry-id";

describe("Redis entry ids", () => {
  it("reads <ms>-<seq> within 64 bits and nothing else", () => {
    expect(parseEntryId("1796085670619-3")).toEqual({ ms: 1796085670619n, seq: 3n });
    expect(parseEntryId("18446744073709551615-18446744073709551615")).toEqual({
      ms: 18446744073709551615n,
      seq: 18446744073709551615n,
    });
    for (const bad of ["", "12", "12-", "-3", "1-2-3", "a-1", "1.5-0", " 1-0", "18446744073709551616-0"])
      expect(parseEntryId(bad)).toBeUndefined();
  });

  it("orders ids by milliseconds, then sequence", () => {
    const id = (text: string) => parseEntryId(text)!;
    expect(compareEntryIds(id("5-9"), id("6-0"))).toBe(-1);
    expect(compareEntryIds(id("6-1"), id("6-0"))).toBe(1);
    expect(compareEntryIds(id("6-1"), id("6-1"))).toBe(0);
  });

  it("steps back one id, so a group's next read starts at the given entry", () => {
    expect(entryIdBefore(parseEntryId("1796085670619-3")!)).toBe("1796085670619-2");
    expect(entryIdBefore(parseEntryId("1796085670619-0")!)).toBe("1796085670618-18446744073709551615");
    expect(entryIdBefore(parseEntryId("0-0")!)).toBe("0-0");
  });
});
