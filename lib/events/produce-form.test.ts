import { describe, expect, it } from "vitest";
import { createEvent } from "./envelope";
import { blankDraft, draftFromEvent, readDraft } from "./produce-form";

describe("the produce form", () => {
  it("reads filled fields, typed extensions and JSON data; leaves empty fields out", () => {
    const draft = {
      ...blankDraft({ total: 1 }),
      type: " order.placed ",
      partitionKey: "c-7",
      extensions: "region=eu\npriority=3\nurgent=true\n\n",
    };
    expect(readDraft(draft, "orders")).toEqual({
      ok: true,
      input: {
        topicId: "orders",
        data: { total: 1 },
        type: "order.placed",
        partitionKey: "c-7",
        extensions: { region: "eu", priority: 3, urgent: true },
      },
    });
  });

  it("names the field to fix", () => {
    expect(readDraft({ ...blankDraft({}), data: "{nope" }, "orders")).toMatchObject({
      ok: false,
      field: "data",
      message: expect.stringMatching(/^The data is not valid JSON: /),
    });
    expect(readDraft({ ...blankDraft({}), extensions: "region" }, "orders")).toEqual({
      ok: false,
      field: "extensions",
      message: "Line 1: write name=value (e.g. region=eu)",
    });
  });

  it("fills the form from an event to re-produce, and sends its id along", () => {
    const event = {
      ...createEvent({ id: "e-1", source: "/shop", type: "order.placed", timeMs: 0, data: { total: 2 } }),
      subject: "o-9",
      partitionkey: "c-1",
      region: "eu",
    };
    const draft = draftFromEvent(event);
    expect(draft).toEqual({
      type: "order.placed",
      source: "/shop",
      subject: "o-9",
      partitionKey: "c-1",
      extensions: "region=eu",
      data: '{\n  "total": 2\n}',
    });
    expect(readDraft(draft, "orders", "e-1")).toEqual({
      ok: true,
      input: {
        topicId: "orders",
        data: { total: 2 },
        type: "order.placed",
        source: "/shop",
        subject: "o-9",
        partitionKey: "c-1",
        extensions: { region: "eu" },
        reproduceOf: "e-1",
      },
    });
  });
});
