import type { FlowGraph } from "@/lib/flow";
import { api, realtime } from "@/server/abuse/client";
import type { AbuseServer } from "@/server/abuse/harness";
import { send } from "@/server/abuse/raw-http";
import { consumer, edge, graph, producer, topic } from "@/server/runtime/testing/flows";

/**
 * The soak's mixed load: kinds of clients, each a loop at a low steady rate, counting what
 * they were answered. Well-behaved clients expect their documented success codes; hostile ones
 * expect the documented 4xx (or a 503 that says to come back). Anything else is an error.
 */
export interface LoadCounts {
  requests: number;
  /** Answers other than the expected ones (by kind and status). */
  unexpected: Record<string, number>;
  /** 5xx answers that were not a documented 503. */
  serverErrors: number;
  networkErrors: number;
}

export const counts: LoadCounts = { requests: 0, unexpected: {}, serverErrors: 0, networkErrors: 0 };

function expect(kind: string, status: number, allowed: number[]): void {
  counts.requests++;
  if (allowed.includes(status)) return;
  if (status >= 500) counts.serverErrors++;
  const key = `${kind} ${status}`;
  counts.unexpected[key] = (counts.unexpected[key] ?? 0) + 1;
}

/** Repeats `step` every `everyMs` until `stop()` is true; a failed connection is counted, not fatal. */
async function every(everyMs: number, stop: () => boolean, step: () => Promise<void>): Promise<void> {
  while (!stop()) {
    const started = Date.now();
    try {
      await step();
    } catch {
      counts.networkErrors++;
    }
    await new Promise((r) => setTimeout(r, Math.max(0, everyMs - (Date.now() - started))));
  }
}

const pipeline = (
  rate: number,
  payloadTemplate = '{"n": {{seq}}, "customerId": "{{customerId}}"}',
): FlowGraph =>
  graph(
    [
      producer("p", { mode: "rate", ratePerSec: rate, payloadTemplate }),
      topic("orders", { partitions: 2, retention: { maxEventsPerPartition: 50_000, maxAgeMs: 0 } }),
      consumer("billing"),
      consumer("email", { failureRatePct: 5 }),
    ],
    [
      edge("publishes", "p", "orders"),
      edge("subscribes", "orders", "billing"),
      edge("subscribes", "orders", "email"),
    ],
  );

/** Starts every kind of client against `server`; resolves when `stop()` turns true and all have ended. */
export async function mixedLoad(server: AbuseServer, stop: () => boolean): Promise<void> {
  const editor = api(server, "127.0.0.101");
  // A flow that runs all along (200 events/s) with readers watching it and events ingested into it.
  const live = await editor.create("Soak: live", pipeline(200));
  expect("deploy", (await editor.deploy(live)).status, [200]);
  const key = String(
    (await editor.call("POST", `/api/flows/${live}/ingest-keys`, { name: "soak" })).body.key,
  );
  const token = String((await editor.call("POST", `/api/flows/${live}/view-link`)).body.token);
  const page = await send(server.port, { path: `/s/${token}`, from: "127.0.0.101" });
  const preview = /<meta property="og:image" content="([^"]+)"/.exec(page.body)?.[1];
  if (preview === undefined) throw new Error("the view link's page names no og:image");
  const watchers = await Promise.all(Array.from({ length: 10 }, () => realtime(server)));
  const loops: Promise<void>[] = [];

  // Saves: one person editing a flow, a save every 500 ms (each a new revision, pruned past the cap).
  const edited = await editor.create("Soak: edited", pipeline(10));
  let version = 1;
  loops.push(
    every(500, stop, async () => {
      const answer = await editor.call("PUT", `/api/flows/${edited}`, {
        name: `Soak: edited ${version}`,
        baseVersion: version,
      });
      expect("save", answer.status, [200]);
      if (answer.status === 200) version = Number(answer.body.version);
    }),
  );
  // Watchers: each watches the live flow (by view link) again every 2 s, reading what it gets.
  watchers.forEach((watcher) =>
    loops.push(
      every(2000, stop, async () => {
        const answer = await watcher.watch(token, 500);
        expect("watch", answer.ok ? 200 : 400, [200]);
      }),
    ),
  );
  // Deploys: a second flow deployed and stopped again every 5 s.
  const cycled = await editor.create("Soak: cycled", pipeline(500));
  let running = false;
  loops.push(
    every(2500, stop, async () => {
      const answer = running ? await editor.stop(cycled) : await editor.deploy(cycled);
      expect(running ? "stop" : "deploy", answer.status, [200]);
      running = !running;
    }),
  );
  // Ingest: a batch of 20 CloudEvents every 200 ms (100 events/s).
  let ingested = 0;
  loops.push(
    every(200, stop, async () => {
      const batch = Array.from({ length: 20 }, () => ({
        specversion: "1.0",
        id: `soak-${++ingested}`,
        source: "/soak",
        type: "order.placed",
        data: { n: ingested },
      }));
      const answer = await send(server.port, {
        method: "POST",
        path: "/ingest/topics/orders",
        from: "127.0.0.102",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/cloudevents-batch+json" },
        body: JSON.stringify(batch),
      });
      expect("ingest", answer.status, [202]);
    }),
  );
  // Hostile requests at a low rate (two a second), each from a client of its own.
  const hostile = hostileRequests(live, token, new URL(preview).pathname);
  let h = 0;
  loops.push(
    every(500, stop, async () => {
      const attack = hostile[h++ % hostile.length];
      const answer = await send(server.port, { ...attack.request, from: `127.0.1.${1 + (h % 200)}` });
      expect(`hostile ${attack.name}`, answer.status, attack.expected);
    }),
  );
  await Promise.all(loops);
  watchers.forEach((w) => w.close());
  if (running) await editor.stop(cycled);
  await editor.stop(live);
}

/** What a careless or hostile client sends, with the answers the API documents for it. */
interface Hostile {
  name: string;
  request: Parameters<typeof send>[1];
  expected: number[];
}

function hostileRequests(flowId: string, token: string, previewPath: string): Hostile[] {
  const json = { "content-type": "application/json" };
  return [
    { name: "TRACE", request: { method: "TRACE", path: "/api/flows" }, expected: [405] },
    { name: "bad escape", request: { path: "/api/flows/%ff" }, expected: [400] },
    {
      name: "text/plain write",
      request: { method: "POST", path: "/api/flows", headers: { "content-type": "text/plain" }, body: "{}" },
      expected: [415],
    },
    {
      name: "foreign origin",
      request: {
        method: "POST",
        path: `/api/flows/${flowId}/stop`,
        headers: { origin: "https://evil.example" },
      },
      expected: [403],
    },
    {
      name: "deep JSON",
      request: {
        method: "POST",
        path: "/api/flows",
        headers: json,
        body: "[".repeat(50_000) + "]".repeat(50_000),
      },
      expected: [400],
    },
    {
      name: "2 MB body",
      request: {
        method: "POST",
        path: "/api/flows",
        headers: json,
        body: `{"name":"${"x".repeat(2_000_000)}"}`,
      },
      expected: [413],
    },
    {
      name: "huge version",
      request: { method: "POST", path: `/api/flows/${flowId}/revisions/99999999999999999999/restore` },
      expected: [400],
    },
    {
      name: "view token writes",
      request: { method: "POST", path: `/api/flows/${token}/deploy` },
      expected: [403],
    },
    { name: "unknown flow", request: { path: "/api/flows/AAAAAAAAAAAAAAAAAAAAAA" }, expected: [404] },
    // Link previews of the live flow: drawn once per version, then cached (503 only when busy).
    { name: "preview", request: { path: previewPath }, expected: [200, 503] },
  ];
}
