import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consumerKind, producerKind, SCHEMA_VERSION, topicKind, type FlowGraph } from "@/lib/flow";
import type { Ack, ClientToServerEvents, ServerToClientEvents } from "@/lib/realtime/protocol";
import { prismaFor } from "../db/client";
import { flowsRepo } from "../db/flows-repo";
import { applyMigrations } from "../db/migrate";
import { composeServices } from "../services/use-cases";
import { flowService } from "../services/flows";
import { runRegistry } from "../services/runs";
import { storageService } from "../services/storage";
import { databaseTarget } from "../db/database-url";
import { attachGateway } from ".";

// Property-based fuzzing of every socket message: whatever a client sends, each request is
// answered with an acknowledgement ({ ok: true } or an error naming the problem), the server
// keeps serving, and the stored flow is unchanged.
type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const dir = mkdtempSync(join(tmpdir(), "eventloom-socket-fuzz-"));
const file = join(dir, "db.sqlite");
applyMigrations(file);
const db = prismaFor(`file:${file}`);
const flows = flowService(flowsRepo(db));
const runs = runRegistry(flows, {
  maxRunningFlows: 5,
  maxFlowEventsPerSec: 100_000,
  maxServerEventsPerSec: 100_000,
  maxPayloadBytes: 262_144,
  historySize: 10_000,
});
const services = composeServices(
  flows,
  runs,
  undefined,
  storageService(db, databaseTarget(`file:${file}`), 1 << 30),
);
const graph: FlowGraph = {
  schemaVersion: SCHEMA_VERSION,
  nodes: [
    {
      id: "p",
      kind: "producer",
      position: { x: 0, y: 0 },
      config: { ...producerKind.defaults(), mode: "manual" },
    },
    { id: "t", kind: "topic", position: { x: 0, y: 0 }, config: { ...topicKind.defaults(), name: "orders" } },
    { id: "c", kind: "consumer", position: { x: 0, y: 0 }, config: consumerKind.defaults() },
  ],
  edges: [
    { id: "pub", kind: "publishes", source: "p", target: "t" },
    { id: "sub", kind: "subscribes", source: "t", target: "c" },
  ],
};

let http: HttpServer;
let gateway: ReturnType<typeof attachGateway>;
let socket: Client;
let flowId: string;
beforeAll(async () => {
  http = createServer();
  // The per-socket rate limit has tests of its own; here every message must reach its handler.
  gateway = attachGateway(http, services, "test", {
    socketLimits: { messagesPerSec: 10_000, burst: 10_000 },
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const created = await flows.create({ name: "Fuzzed", graph });
  if (!created.ok) throw new Error("could not create the flow");
  flowId = created.value.id;
  await services.deploy(flowId);
  socket = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, {
    transports: ["websocket"],
    forceNew: true,
  });
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
});
afterAll(async () => {
  socket.disconnect();
  await runs.stopAll(0);
  gateway.close();
  await new Promise((resolve) => http.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const ask = (event: string, payload: unknown) =>
  new Promise<Ack<unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no acknowledgement of ${event}`)), 5000);
    (socket.emit as (e: string, p: unknown, cb: (a: Ack<unknown>) => void) => void)(
      event,
      payload,
      (answer) => {
        clearTimeout(timer);
        resolve(answer);
      },
    );
  });

/** Messages near the protocol's shapes (real ids, real actions) as well as arbitrary JSON. */
const message = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.record(
    {
      flowId: fc.oneof(fc.constant("FLOW"), fc.string({ unit: "binary", maxLength: 70 }), fc.jsonValue()),
      nodeId: fc.oneof(fc.constantFrom("p", "t", "c"), fc.string({ unit: "binary", maxLength: 70 })),
      action: fc.oneof(
        fc.constantFrom("fire", "pause", "resume", "online", "offline", "replay"),
        fc.string(),
      ),
      count: fc.oneof(fc.integer({ min: -5, max: 12_000 }), fc.double(), fc.jsonValue()),
      recent: fc.oneof(fc.integer({ min: -5, max: 6000 }), fc.jsonValue()),
      eventId: fc.oneof(fc.string({ unit: "binary", maxLength: 250 }), fc.jsonValue()),
      from: fc.oneof(
        fc.constantFrom("earliest", "latest"),
        fc.record({ timestampMs: fc.oneof(fc.integer(), fc.double(), fc.string()) }),
        fc.jsonValue(),
      ),
      extra: fc.jsonValue({ maxDepth: 2 }),
    },
    { requiredKeys: [] },
  ),
);

describe("socket message fuzzing", () => {
  it("answers every message of every kind with an acknowledgement and changes no stored flow", async () => {
    const before = await flows.get(flowId);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("watch", "unwatch", "control", "event:get", "trace:get"),
        message,
        async (event, payload) => {
          const real =
            payload && typeof payload === "object" && !Array.isArray(payload) && payload.flowId === "FLOW"
              ? { ...payload, flowId }
              : payload;
          const answer = await ask(event, real);
          expect(typeof answer.ok).toBe("boolean");
          if (!answer.ok) expect(answer.error).toEqual(expect.any(String));
        },
      ),
      { numRuns: 150 },
    );
    expect((await ask("watch", { flowId, recent: 0 })).ok).toBe(true);
    expect(await flows.get(flowId)).toEqual(before);
  });

  it("survives any co-editing message: joins and leaves are answered, unanswerable syncs change no stored flow", async () => {
    const before = await flows.get(flowId);
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      // A Yjs sync message header (step 1, step 2, update) followed by anything.
      fc
        .tuple(fc.constantFrom(0, 1), fc.constantFrom(0, 1, 2), fc.uint8Array({ maxLength: 200 }))
        .map(([kind, step, rest]) => new Uint8Array([kind, step, ...rest])),
    );
    const docMessage = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record(
        {
          flowId: fc.oneof(fc.constant("FLOW"), fc.string({ unit: "binary", maxLength: 70 })),
          message: fc.oneof(bytes, fc.jsonValue()),
          update: fc.oneof(bytes, fc.jsonValue()),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("doc:join", "doc:leave", "doc:sync", "doc:presence"),
        docMessage,
        async (event, payload) => {
          const real =
            payload && typeof payload === "object" && !Array.isArray(payload) && payload.flowId === "FLOW"
              ? { ...payload, flowId }
              : payload;
          if (event === "doc:join" || event === "doc:leave") {
            const answer = await ask(event, real);
            expect(typeof answer.ok).toBe("boolean");
            if (!answer.ok) expect(answer.error).toEqual(expect.any(String));
          } else (socket.emit as (e: string, p: unknown) => void)(event, real);
        },
      ),
      { numRuns: 150 },
    );
    expect(socket.connected).toBe(true);
    expect((await ask("doc:leave", { flowId })).ok).toBe(true);
    await services.live.flushAll();
    expect(await flows.get(flowId)).toEqual(before);
  });
});
