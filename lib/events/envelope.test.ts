import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createEvent, isoTime } from "./envelope";

describe("createEvent", () => {
  it("builds a frozen CloudEvent; a caused event inherits correlation and counts a hop", () => {
    const first = createEvent({
      id: "e1",
      source: "/shop",
      type: "order.placed",
      timeMs: 0,
      data: { items: [{ q: 1 }] },
    });
    expect(first).toEqual({
      specversion: "1.0",
      id: "e1",
      source: "/shop",
      type: "order.placed",
      time: "1970-01-01T00:00:00.000Z",
      datacontenttype: "application/json",
      data: { items: [{ q: 1 }] },
      correlationid: "e1",
      hopcount: 0,
    });
    expect(Object.isFrozen(first) && Object.isFrozen((first.data as { items: object[] }).items[0])).toBe(
      true,
    );
    expect(() => {
      (first as { type: string }).type = "x";
    }).toThrow(TypeError);
    const reply = createEvent({
      id: "e2",
      source: "/pay",
      type: "payment.done",
      timeMs: 5,
      data: null,
      cause: first,
    });
    expect([reply.correlationid, reply.causationid, reply.hopcount]).toEqual(["e1", "e1", 1]);
  });
});

describe("isoTime", () => {
  it("writes what toISOString writes for any run of times, within a second or across them", () => {
    const time = fc.oneof(
      fc.integer({ min: -62_198_755_200_000, max: 253_402_300_799_999 }),
      fc.integer({ min: 1_700_000_000_000, max: 1_700_000_003_000 }),
      fc.double({ min: -1e13, max: 1e13, noNaN: true }),
      fc.integer({ min: 253_402_300_799_000, max: 8_640_000_000_000_000 }),
    );
    fc.assert(
      fc.property(fc.array(time, { minLength: 1, maxLength: 30 }), (times) => {
        for (const ms of times) expect(isoTime(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 500 },
    );
  });

  it("throws for a time no Date can hold, every time it is asked", () => {
    expect(isoTime(1_700_000_000_123)).toBe("2023-11-14T22:13:20.123Z");
    for (const ms of [Infinity, Infinity, NaN, 8.64e15 + 1, 8.64e15 + 1])
      expect(() => isoTime(ms)).toThrow(RangeError);
    expect(isoTime(1_700_000_000_124)).toBe("2023-11-14T22:13:20.124Z");
  });
});
