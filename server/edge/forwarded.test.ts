import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { requestOrigin, settleForwardedHeaders } from "./forwarded";

const req = (headers: Record<string, string>, remoteAddress = "::ffff:192.0.2.9") =>
  ({ headers: { ...headers }, socket: { remoteAddress } }) as unknown as IncomingMessage;
const spoofed = {
  host: "app.example",
  "x-forwarded-for": "203.0.113.7, 198.51.100.1",
  "x-forwarded-host": "evil.example",
  "x-forwarded-proto": "https",
  forwarded: "for=1.2.3.4;host=evil.example",
};

describe("forwarded headers", () => {
  it("are ignored and removed when no proxy is trusted: the peer is the client, Host the host", () => {
    const request = req(spoofed);
    const origin = requestOrigin(request, 0);
    expect(origin).toEqual({ client: "192.0.2.9", host: "app.example", proto: "http" });
    settleForwardedHeaders(request, origin, 0);
    expect(request.headers).toEqual({ host: "app.example" });
  });

  it("are believed as far back as the trusted proxies reach", () => {
    expect(requestOrigin(req(spoofed), 1)).toEqual({
      client: "198.51.100.1",
      host: "evil.example",
      proto: "https",
    });
    expect(requestOrigin(req(spoofed), 2).client).toBe("203.0.113.7");
    expect(requestOrigin(req(spoofed), Infinity).client).toBe("203.0.113.7");
    expect(requestOrigin(req({ host: "app.example" }), 1)).toEqual({
      client: "192.0.2.9",
      host: "app.example",
      proto: "http",
    });
  });

  it("are replaced by the single resolved values when trusted", () => {
    const request = req(spoofed);
    settleForwardedHeaders(request, requestOrigin(request, 1), 1);
    expect(request.headers).toEqual({
      host: "app.example",
      "x-forwarded-for": "198.51.100.1",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
    });
  });
});
