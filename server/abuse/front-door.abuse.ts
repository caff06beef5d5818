import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH } from "@/lib/json/depth";
import { MAX_FILTER_DEPTH } from "@/lib/flow/filter";
import { startAbuseServer, type AbuseServer } from "./harness";
import { underAttack } from "./health-watch";
import { json, openIdle, send, sendPartial } from "./raw-http";

// Attacks on the HTTP front door, each from its own loopback address (127.0.0.x) so rate
// limits and connection caps of one attack never touch another, nor the health checks.
let server: AbuseServer;
beforeAll(async () => {
  server = await startAbuseServer({
    RATE_LIMIT_CREATES_PER_MIN: "5",
    RATE_LIMIT_DEPLOYS_PER_MIN: "3",
    REQUEST_TIMEOUT_MS: "1500",
    HEADERS_TIMEOUT_MS: "1000",
    MAX_CONNECTIONS_PER_CLIENT: "20",
    ALLOWED_ORIGINS: "https://docs.example.com",
  });
}, 90_000);
afterAll(() => server?.stop());

const FLOW = "AAAAAAAAAAAAAAAAAAAAAA";
const API_ROUTES = [
  "/api/health",
  "/api/flows",
  `/api/flows/${FLOW}`,
  `/api/flows/${FLOW}/deploy`,
  `/api/flows/${FLOW}/stop`,
  `/api/flows/${FLOW}/run`,
  `/api/flows/${FLOW}/fork`,
  `/api/flows/${FLOW}/revisions`,
  `/api/flows/${FLOW}/revisions/1/restore`,
  `/api/flows/${FLOW}/view-link`,
  `/api/flows/${FLOW}/events`,
  `/api/flows/${FLOW}/events/e1/trace`,
];
const PAGES = ["/", `/flows/${FLOW}`, `/flows/${FLOW}/live`, "/s/token", "/snapshot"];
const create = (from: string, headers: Record<string, string> = {}, body = '{"name":"Attack"}') =>
  send(server.port, {
    method: "POST",
    path: "/api/flows",
    from,
    body,
    headers: { "content-type": "application/json", ...headers },
  });

describe("the front door", () => {
  it("answers TRACE and other unknown methods with 405 on every route, before Next", async () => {
    const { result, health } = await underAttack(server.base, async () => {
      const answers = [];
      for (const path of [...API_ROUTES, ...PAGES])
        for (const method of ["TRACE", "PROPFIND", "PURGE", "LINK"])
          answers.push(await send(server.port, { method, path, from: "127.0.0.2" }));
      return answers;
    });
    expect(new Set(result.map((a) => a.status))).toEqual(new Set([405]));
    expect(result[0].headers.allow).toBe("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
    expect(json(result[0]).error).toBe(
      "Method TRACE is not allowed; use GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS",
    );
    expect(health.failures).toEqual([]);
    expect(server.alive()).toBe(true);
  });

  it("answers malformed %-escapes in any path with 400", async () => {
    const { result, health } = await underAttack(server.base, async () => {
      const answers = [];
      for (const path of [...API_ROUTES, ...PAGES])
        for (const bad of ["%ff", "%C0%AE", "%E0%80", "%"])
          answers.push(await send(server.port, { path: `${path}/${bad}`, from: "127.0.0.2" }));
      answers.push(await send(server.port, { path: `/api/flows/%ff`, method: "PUT", from: "127.0.0.2" }));
      answers.push(await send(server.port, { path: `/%00`, from: "127.0.0.2" }));
      return answers;
    });
    expect(result.map((a) => a.status)).toEqual(result.map(() => 400));
    expect(json(result[0]).error).toBe("The request path is not a well-formed URL (check its %-escapes)");
    expect(health.failures).toEqual([]);
  });

  it("refuses state-changing requests that are not JSON (415), so no page can send them without a preflight", async () => {
    const from = "127.0.0.3";
    for (const type of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
    ]) {
      const answer = await send(server.port, {
        method: "POST",
        path: "/api/flows",
        from,
        headers: { "content-type": type },
        body: '{"name":"x"}',
      });
      expect(answer.status).toBe(415);
      expect(json(answer).error).toBe(
        `This request needs Content-Type application/json, not ${type.split(";")[0]}`,
      );
    }
    const untyped = await send(server.port, {
      method: "POST",
      path: "/api/flows",
      from,
      body: '{"name":"x"}',
    });
    expect(untyped.status).toBe(415);
    expect(json(untyped).error).toBe("This request needs Content-Type application/json");
    const bodilessDeploy = await send(server.port, {
      method: "POST",
      path: `/api/flows/${FLOW}/deploy`,
      from,
      headers: { "content-type": "text/plain" },
    });
    expect(bodilessDeploy.status).toBe(415);
    const gzip = await create(from, { "content-encoding": "gzip" });
    expect(gzip.status).toBe(415);
    expect(json(gzip).error).toBe("Content-Encoding 'gzip' is not supported: send the body uncompressed");
    const charset = await create(from, { "content-type": "application/json; charset=utf-8" });
    expect(charset.status).toBe(201);
    const bom = await create(from, {}, '\uFEFF{"name":"With a byte-order mark"}');
    expect(bom.status).toBe(201);
    expect(json(bom).name).toBe("With a byte-order mark");
  });

  it("refuses a foreign Origin on state-changing requests (403) and allows the app's own and ALLOWED_ORIGINS", async () => {
    const from = "127.0.0.4";
    for (const origin of ["https://evil.example", "null", `http://127.0.0.1:${server.port + 1}`]) {
      const answer = await create(from, { origin });
      expect(answer.status).toBe(403);
      expect(json(answer).error).toBe(
        `Requests from ${origin} may not change anything here: only this app's own pages (and ALLOWED_ORIGINS) may`,
      );
    }
    expect((await create(from, { origin: `http://127.0.0.1:${server.port}` })).status).toBe(201);
    expect((await create(from, { origin: "https://docs.example.com" })).status).toBe(201);
    // Reading is not guarded by Origin: link previews and other sites may GET.
    expect(
      (await send(server.port, { path: "/api/health", from, headers: { origin: "https://evil.example" } }))
        .status,
    ).toBe(200);
  });

  it("rate-limits creates per client with 429 and Retry-After; other clients are unaffected", async () => {
    const { result, health } = await underAttack(server.base, async () => {
      const answers = [];
      for (let i = 0; i < 40; i++)
        answers.push(await create("127.0.0.5", { "x-forwarded-for": `10.0.0.${i}` }));
      return answers;
    });
    expect(result.slice(0, 5).map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(result.slice(5).map((a) => a.status))).toEqual(new Set([429]));
    expect(Number(result[5].headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(json(result[5]).error).toMatch(
      /^Too many creates from this client \(limit 5 a minute\): try again in \d+ s$/,
    );
    expect((await create("127.0.0.6")).status).toBe(201);
    expect(health.failures).toEqual([]);
  });

  it("rate-limits deploys per client", async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (await send(server.port, { method: "POST", path: `/api/flows/${FLOW}/deploy`, from: "127.0.0.7" }))
          .status,
      );
    expect(statuses).toEqual([404, 404, 404, 429, 429, 429]);
  });

  it("answers bodies nested past the limit, and filters nested past theirs, with 400 naming the limit", async () => {
    const from = "127.0.0.8";
    const deep = await send(server.port, {
      method: "POST",
      path: "/api/flows",
      from,
      headers: { "content-type": "application/json" },
      body: `{"graph":${"[".repeat(100_000)}${"]".repeat(100_000)}}`,
    });
    expect(deep.status).toBe(400);
    expect(json(deep).error).toBe(
      `The request body nests more than ${MAX_JSON_DEPTH} levels deep (the limit)`,
    );
    const nest = (levels: number) => '{"a":'.repeat(levels - 1) + '{"b":["x"]}' + "}".repeat(levels - 1);
    const graph = (levels: number) =>
      `{"graph":{"schemaVersion":1,"nodes":[],"edges":[{"id":"e","kind":"subscribes","source":"t","target":"c","filter":${nest(levels)}}]}}`;
    const tooDeep = await send(server.port, {
      method: "POST",
      path: "/api/flows",
      from,
      headers: { "content-type": "application/json" },
      body: graph(MAX_FILTER_DEPTH + 1),
    });
    expect(tooDeep.status).toBe(400);
    expect(json(tooDeep).issues).toContainEqual({
      path: "edges[0].filter",
      message: `a filter may nest at most ${MAX_FILTER_DEPTH} levels of fields`,
    });
  });

  it("answers out-of-range numbers in paths with 400", async () => {
    const created = json(await create("127.0.0.9"));
    for (const version of ["99999999999999999999", "2147483648", "1e3", "-1", "0"]) {
      const answer = await send(server.port, {
        method: "POST",
        path: `/api/flows/${created.id}/revisions/${version}/restore`,
        from: "127.0.0.9",
      });
      expect(answer.status).toBe(400);
      expect(json(answer).error).toMatch(/^The version in the path is not valid: \(body\) must be/);
    }
  });

  it("drops a request that declares a longer body than it sends, after REQUEST_TIMEOUT_MS", async () => {
    const { result, health } = await underAttack(server.base, () =>
      sendPartial(
        server.port,
        `POST /api/flows HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"name":`,
        "127.0.0.10",
      ),
    );
    expect(result.closed).toBe(true);
    expect(result.reply).toMatch(/^HTTP\/1\.1 408 /);
    expect(health.failures).toEqual([]);
  });

  it("caps one client's connections; idle ones are closed after HEADERS_TIMEOUT_MS; others still get through", async () => {
    const { result, health } = await underAttack(server.base, async () => {
      const idle = await openIdle(server.port, 200, "127.0.0.11");
      await new Promise((r) => setTimeout(r, 300));
      const beyondCap = idle.closed();
      await new Promise((r) => setTimeout(r, 2500));
      const afterTimeout = idle.closed();
      idle.close();
      return { beyondCap, afterTimeout };
    });
    expect(result.beyondCap).toBe(180);
    expect(result.afterTimeout).toBe(200);
    expect(health.failures).toEqual([]);
  });

  it("sets security headers on pages and API answers", async () => {
    for (const path of ["/", "/api/health", "/api/flows/%ff"]) {
      const answer = await send(server.port, { path, from: "127.0.0.12" });
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
      expect(answer.headers["referrer-policy"]).toBe("no-referrer");
      expect(answer.headers["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
      expect(answer.headers["content-security-policy"]).toMatch(
        /script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/,
      );
    }
    const page = await send(server.port, { path: "/", from: "127.0.0.12" });
    const nonce = /'nonce-([^']+)'/.exec(String(page.headers["content-security-policy"]))![1];
    const scripts = [...page.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("lets only the app's own origin (and ALLOWED_ORIGINS) open the realtime channel", async () => {
    const handshake = (origin?: string) =>
      send(server.port, {
        path: "/socket.io/?EIO=4&transport=polling",
        from: "127.0.0.13",
        headers: origin ? { origin } : {},
      });
    expect((await handshake("https://evil.example")).status).toBe(403);
    expect((await handshake(`http://127.0.0.1:${server.port}`)).status).toBe(200);
    expect((await handshake("https://docs.example.com")).status).toBe(200);
    expect((await handshake()).status).toBe(200);
  });

  it("ignores X-Forwarded-Host without TRUST_PROXY: a link preview never names another host", async () => {
    const from = "127.0.0.14";
    const created = json(await create(from));
    const link = json(
      await send(server.port, { method: "POST", path: `/api/flows/${created.id}/view-link`, from }),
    );
    const page = await send(server.port, {
      path: String(link.path),
      from,
      headers: { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
    });
    expect(page.status).toBe(200);
    const image = /<meta property="og:image" content="([^"]+)"/.exec(page.body)?.[1];
    expect(image).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/s/`));
    expect(page.body).not.toContain("evil.example");
  });
});
