import { CloudEvent, HTTP } from "cloudevents";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonDepthOver, parseIngestRequest, type IngestRequest } from "./http-binding";

let ids = 0;
const request = (headers: IngestRequest["headers"], body: string): IngestRequest => ({
  headers,
  body,
  topic: "orders",
  nowMs: Date.parse("2026-01-31T12:00:00Z"),
  newId: () => `gen-${++ids}`,
  maxPayloadBytes: 1024,
  maxBatch: 3,
});
const TRACE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
const sdkEvent = new CloudEvent({
  id: "o-1",
  source: "/shop",
  type: "order.placed",
  time: "2026-01-31T11:00:00Z",
  data: { total: 12 },
  partitionkey: "c-7",
  traceparent: TRACE,
  region: "eu",
});

describe("the CloudEvents HTTP binding", () => {
  it("reads structured mode as the official SDK writes it", () => {
    const message = HTTP.structured(sdkEvent);
    const parsed = parseIngestRequest(
      request(message.headers as Record<string, string>, message.body as string),
    );
    expect(parsed).toEqual({
      ok: true,
      mode: "structured",
      events: [
        {
          key: "c-7",
          event: {
            specversion: "1.0",
            id: "o-1",
            source: "/shop",
            type: "order.placed",
            time: "2026-01-31T11:00:00.000Z",
            datacontenttype: "application/json",
            data: { total: 12 },
            correlationid: "o-1",
            hopcount: 0,
            partitionkey: "c-7",
            traceparent: TRACE,
            region: "eu",
          },
        },
      ],
    });
  });

  it("reads binary mode as the official SDK writes it (ce-* headers, the body is the data)", () => {
    const message = HTTP.binary(sdkEvent);
    const headers = Object.fromEntries(
      Object.entries(message.headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
    );
    const parsed = parseIngestRequest(request(headers, JSON.stringify(sdkEvent.data)));
    expect(parsed.ok && parsed.mode).toBe("binary");
    if (!parsed.ok) return;
    expect(parsed.events[0].event).toMatchObject({
      id: "o-1",
      source: "/shop",
      data: { total: 12 },
      datacontenttype: "application/json; charset=utf-8",
      traceparent: TRACE,
      region: "eu",
    });
    expect(parsed.events[0].key).toBe("c-7");
  });

  it("decodes percent-encoded binary headers and carries text data", () => {
    const parsed = parseIngestRequest(
      request(
        {
          "content-type": "text/plain; charset=utf-8",
          "ce-specversion": "1.0",
          "ce-id": "t-1",
          "ce-source": "/sensors",
          "ce-type": "reading",
          "ce-subject": "Caf%C3%A9 %22north%22",
        },
        "21.5 C",
      ),
    );
    expect(parsed.ok && parsed.events[0].event).toMatchObject({
      subject: 'Café "north"',
      data: "21.5 C",
      datacontenttype: "text/plain; charset=utf-8",
    });
  });

  it("wraps plain JSON in an envelope whose source names the ingest, keeping the request's traceparent", () => {
    const parsed = parseIngestRequest(
      request({ "content-type": "application/json", traceparent: TRACE }, '{"a":1}'),
    );
    expect(parsed.ok && parsed.mode).toBe("plain");
    if (!parsed.ok) return;
    expect(parsed.events[0].event).toEqual({
      specversion: "1.0",
      id: parsed.events[0].event.id,
      source: "/eventloom/ingest/orders",
      type: "eventloom.ingest.json",
      time: "2026-01-31T12:00:00.000Z",
      datacontenttype: "application/json",
      data: { a: 1 },
      correlationid: parsed.events[0].event.id,
      hopcount: 0,
      traceparent: TRACE,
    });
    expect(parsed.events[0].event.id).toMatch(/^gen-\d+$/);
  });

  it("names each invalid attribute with a 400", () => {
    const parsed = parseIngestRequest(
      request(
        { "content-type": "application/cloudevents+json" },
        JSON.stringify({
          specversion: "0.3",
          source: "has space",
          type: "",
          time: "yesterday",
          hopcount: 2,
          traceparent: "00-abc",
          Bad_Name: 1,
          nested: { no: 1 },
          data_base64: "AAAA",
        }),
      ),
    );
    expect(parsed).toMatchObject({ ok: false, status: 400 });
    if (parsed.ok) return;
    expect(parsed.issues!.map((i) => i.path)).toEqual([
      "specversion",
      "id",
      "source",
      "type",
      "time",
      "traceparent",
      "hopcount",
      "data_base64",
      "Bad_Name",
      "nested",
    ]);
    expect(parsed.issues![0].message).toBe('must be "1.0" (CloudEvents 1.0), not "0.3"');
  });

  it("names binary-mode problems by header", () => {
    const parsed = parseIngestRequest(
      request(
        { "content-type": "application/json", "ce-specversion": "1.0", "ce-id": "x", "ce-type": "t" },
        "{}",
      ),
    );
    expect(parsed).toMatchObject({
      ok: false,
      status: 400,
      issues: [{ path: "ce-source", message: "is required" }],
    });
  });

  it("reads a batch whole, or refuses it naming each bad item", () => {
    const good = (id: string) => ({ specversion: "1.0", id, source: "/s", type: "t", data: { id } });
    const ok = parseIngestRequest(
      request(
        { "content-type": "application/cloudevents-batch+json" },
        JSON.stringify([good("a"), good("b")]),
      ),
    );
    expect(ok.ok && ok.events.map((e) => e.event.id)).toEqual(["a", "b"]);
    const badBatch = parseIngestRequest(
      request(
        { "content-type": "application/cloudevents-batch+json" },
        JSON.stringify([good("a"), { ...good("b"), id: 5 }, 7]),
      ),
    );
    expect(badBatch).toEqual({
      ok: false,
      status: 400,
      error: "2 of 3 events in the batch are not valid CloudEvents; none was published",
      issues: [
        { path: "[1].id", message: "must be a string" },
        { path: "[2]", message: "must be a JSON object" },
      ],
      items: [1, 2],
    });
    const tooMany = parseIngestRequest(
      request(
        { "content-type": "application/cloudevents-batch+json" },
        JSON.stringify([1, 2, 3, 4].map(String).map(good)),
      ),
    );
    expect(tooMany).toMatchObject({ ok: false, status: 413 });
  });

  it("answers 413 for data over the payload cap and 415 for other content types", () => {
    const big = JSON.stringify({ text: "x".repeat(2000) });
    expect(parseIngestRequest(request({ "content-type": "application/json" }, big))).toMatchObject({
      status: 413,
    });
    expect(parseIngestRequest(request({ "content-type": "application/xml" }, "<a/>"))).toMatchObject({
      status: 415,
    });
    expect(parseIngestRequest(request({}, "{}"))).toMatchObject({ status: 415 });
    expect(
      parseIngestRequest(
        request({ "content-type": "application/octet-stream", "ce-specversion": "1.0" }, "\u0000"),
      ),
    ).toMatchObject({ status: 415 });
  });

  it("refuses malformed and over-deep JSON with a 400 instead of throwing", () => {
    expect(parseIngestRequest(request({ "content-type": "application/json" }, "{"))).toMatchObject({
      status: 400,
    });
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    expect(parseIngestRequest(request({ "content-type": "application/json" }, deep))).toMatchObject({
      status: 400,
      error: "The request body nests deeper than 64 levels",
    });
    expect(
      parseIngestRequest(request({ "content-type": "application/cloudevents+json" }, "[1]")),
    ).toMatchObject({ status: 400 });
  });
});

describe("jsonDepthOver", () => {
  /** The deepest nesting of brackets outside strings, walked in full. */
  const deepest = (text: string) => {
    let depth = 0;
    let most = 0;
    let inString = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (inString) {
        if (c === "\\") i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === "{" || c === "[") most = Math.max(most, ++depth);
      else if (c === "}" || c === "]") depth--;
    }
    return most;
  };

  it("says whether any text nests deeper than the bound, brackets in strings not counted", () => {
    const piece = fc.constantFrom("{", "[", "}", "]", '"', "\\", "a", ",", ":");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 200 }), fc.integer({ min: 0, max: 70 }), (pieces, max) => {
        const text = pieces.join("");
        expect(jsonDepthOver(text, max)).toBe(deepest(text) > max);
      }),
      { numRuns: 2000 },
    );
    expect(jsonDepthOver("[".repeat(65) + "]".repeat(65), 64)).toBe(true);
    expect(jsonDepthOver(`["${"[".repeat(100)}"]`, 64)).toBe(false);
  });
});
