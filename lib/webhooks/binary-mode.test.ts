import { type CloudEvent, HTTP } from "cloudevents";
import { describe, expect, it } from "vitest";
import { createEvent } from "../events/envelope";
import { parseHeaderLines } from "./headers";
import { toBinaryMode } from "./binary-mode";

describe("binary-mode webhook messages", () => {
  it("are read back by the official SDK as the same event", () => {
    const cause = createEvent({ id: "o-1", source: "/shop", type: "order.placed", timeMs: 0, data: null });
    const event = createEvent({
      id: "e-2",
      source: "/eventloom/consumers/mail",
      type: "order.placed.reply",
      timeMs: 1000,
      subject: 'Café "north"',
      data: { ok: true, note: "ünïcode" },
      cause: { ...cause, traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" },
    });
    const message = toBinaryMode(event);
    expect(message.headers["ce-subject"]).toBe("Caf%C3%A9%20%22north%22");
    expect(message.headers["content-type"]).toBe("application/json");
    const read = HTTP.toEvent({ headers: message.headers, body: message.body }) as CloudEvent;
    // The SDK hands header values over as sent; percent-decoding gives the attribute back.
    expect(decodeURIComponent(read.subject!)).toBe('Café "north"');
    expect(read.data).toEqual({ ok: true, note: "ünïcode" });
    expect(read.causationid).toBe("o-1");
    expect(read.traceparent).toBe("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    expect(String(read.hopcount)).toBe("1");
  });
});

describe("a webhook consumer's header lines", () => {
  it("are read as Name: value, one per line", () => {
    expect(parseHeaderLines("Authorization: Bearer abc\n\n X-Team : billing ")).toEqual({
      ok: true,
      headers: [
        ["Authorization", "Bearer abc"],
        ["X-Team", "billing"],
      ],
    });
  });

  it("refuse malformed lines, reserved names and values a header cannot carry", () => {
    expect(parseHeaderLines("no colon")).toEqual({
      ok: false,
      message: "line 1: write headers as 'Name: value'",
    });
    expect(parseHeaderLines("ok: 1\nwebhook-signature: x")).toEqual({
      ok: false,
      message: "line 2: webhook-signature is set by Eventloom",
    });
    expect(parseHeaderLines("Host: evil")).toMatchObject({ ok: false });
    expect(parseHeaderLines("X: a\u0000b")).toMatchObject({ ok: false });
    expect(parseHeaderLines(Array.from({ length: 21 }, (_, i) => `X-${i}: v`).join("\n"))).toEqual({
      ok: false,
      message: "at most 20 headers",
    });
  });
});
