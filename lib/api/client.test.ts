import { describe, expect, it } from "vitest";
import { NO_FILTER } from "@/lib/events/delivery-filter";
import { recordedEventsUrl, traceUrl } from "./client";

describe("export links", () => {
  it("carry the inspector's filter as query parameters, leaving out what is unset", () => {
    expect(recordedEventsUrl("f1", NO_FILTER)).toBe("/api/flows/f1/events");
    expect(
      recordedEventsUrl("f1", { ...NO_FILTER, group: "email", outcome: "dead-lettered", text: " ord_1 " }),
    ).toBe("/api/flows/f1/events?group=email&outcome=dead-lettered&text=ord_1");
  });

  it("name one event's trace", () => {
    expect(traceUrl("f1", "run-1/2")).toBe("/api/flows/f1/events/run-1%2F2/trace");
  });
});
