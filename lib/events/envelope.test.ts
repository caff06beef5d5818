import { describe, expect, it } from "vitest";
import { createEvent } from "./envelope";

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
