import { describe, expect, it } from "vitest";
import { rateLimiter } from "./rate-limiter";
import { guardRequest, type GuardedRequest } from "./request-guard";
import { ROUTE_POLICIES, type RoutePolicy } from "./route-policies";

const request = (overrides: Partial<GuardedRequest>): GuardedRequest => ({
  method: "POST",
  url: "/api/flows",
  headers: { "content-type": "application/json", "content-length": "2" },
  client: "192.0.2.1",
  host: "app.example",
  ...overrides,
});
const options = (policies?: RoutePolicy[]) => ({
  allowedOrigins: [],
  limiter: rateLimiter({ creates: 100, writes: 100, deploys: 100, ingest: 2 }, () => 0),
  policies,
});

describe("guardRequest", () => {
  it("lets a same-origin JSON write through, and a bodiless one without a Content-Type", () => {
    expect(
      guardRequest(
        request({ headers: { ...request({}).headers, origin: "https://app.example" } }),
        options(),
      ),
    ).toBeNull();
    expect(guardRequest(request({ url: "/api/flows/abc/deploy", headers: {} }), options())).toBeNull();
    expect(
      guardRequest(request({ method: "GET", headers: { origin: "https://evil.example" } }), options()),
    ).toBeNull();
  });

  it("lets a route opt into other media types, any Origin and its own rate limit (an ingest endpoint, say)", () => {
    const ingest: RoutePolicy = {
      methods: ["POST"],
      path: /^\/api\/ingest\//,
      contentTypes: [
        "application/cloudevents+json",
        "application/cloudevents-batch+json",
        "application/json",
      ],
      origin: "any",
      bucket: "ingest",
    };
    const post = request({
      url: "/api/ingest/abc",
      headers: {
        "content-type": "application/cloudevents+json",
        "content-length": "9",
        origin: "https://producer.example",
      },
    });
    const guarded = options([ingest, ...ROUTE_POLICIES]);
    expect(guardRequest(post, guarded)).toBeNull();
    expect(guardRequest(post, guarded)).toBeNull();
    expect(guardRequest(post, guarded)).toMatchObject({ status: 429, headers: { "Retry-After": "30" } });
    // Without the entry, the same request is refused like any other write.
    expect(guardRequest(post, options())).toMatchObject({ status: 415 });
  });
});
