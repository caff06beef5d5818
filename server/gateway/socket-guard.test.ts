import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consumerKind, producerKind, topicKind, type FlowGraph } from "@/lib/flow";
import type { Ack, ClientToServerEvents, ServerToClientEvents } from "@/lib/realtime/protocol";
import { prismaFor } from "../db/client";
import { flowsRepo } from "../db/flows-repo";
import { applyMigrations } from "../db/migrate";
import { composeServices } from "../services/use-cases";
import { flowService } from "../services/flows";
import { runRegistry } from "../services/runs";
import { attachGateway } from ".";
import { frame, rawWebSocket } from "./testing/raw-websocket";

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const dir = mkdtempSync(join(tmpdir(), "eventloom-guard-"));
applyMigrations(join(dir, "db.sqlite"));
const flows = flowService(flowsRepo(prismaFor(`file:${join(dir, "db.sqlite")}`)));
const runs = runRegistry(flows, {
  maxRunningFlows: 2,
  maxFlowEventsPerSec: 100_000,
  maxServerEventsPerSec: 100_000,
  maxPayloadBytes: 262_144,
  historySize: 10_000,
});
const services = composeServices(flows, runs);
let watchesHandled = 0;
const countingServices = {
  ...services,
  flows: {
    ...services.flows,
    authorize: (...args: Parameters<typeof services.flows.authorize>) => {
      watchesHandled++;
      return services.flows.authorize(...args);
    },
  },
};

const graph: FlowGraph = {
  schemaVersion: 2,
  nodes: [
    {
      id: "p",
      kind: "producer",
      position: { x: 0, y: 0 },
      config: { ...producerKind.defaults(), mode: "manual" },
    },
    { id: "t", kind: "topic", position: { x: 0, y: 0 }, config: { ...topicKind.defaults(), name: "orders" } },
    {
      id: "c",
      kind: "consumer",
      position: { x: 0, y: 0 },
      config: { ...consumerKind.defaults(), processingMs: { min: 0, max: 0 } },
    },
  ],
  edges: [
    { id: "pub", kind: "publishes", source: "p", target: "t" },
    { id: "sub", kind: "subscribes", source: "t", target: "c" },
  ],
};

let http: HttpServer;
let url: string;
let gateway: ReturnType<typeof attachGateway>;
let flowId: string;
const clients: Client[] = [];
const serverSockets: { data: { closing?: string } }[] = [];

beforeAll(async () => {
  http = createServer();
  gateway = attachGateway(http, countingServices, "test", {
    socketLimits: { messagesPerSec: 5, burst: 5, maxInFlight: 4, maxStrikes: 8, strikeWindowMs: 60_000 },
  });
  gateway.io.on("connection", (socket) => serverSockets.push(socket));
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const created = await flows.create({ name: "Guarded", graph });
  if (!created.ok) throw new Error("could not create the flow");
  flowId = created.value.id;
  const deployed = await services.deploy(flowId);
  if (!deployed.ok) throw new Error("could not deploy");
  // 2,000 delivery records with 1 KB payloads: a watch answer worth hundreds of kilobytes.
  runs.run(created.value.id)!.fire("p", 1000);
});

afterAll(async () => {
  clients.forEach((c) => c.disconnect());
  await runs.stopAll(0);
  gateway.close();
  await new Promise((resolve) => http.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

async function client(): Promise<Client> {
  const socket: Client = connect(url, { transports: ["websocket"], forceNew: true, reconnection: false });
  clients.push(socket);
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  return socket;
}
const send = (socket: Client, event: string, payload: unknown) =>
  new Promise<Ack<unknown>>((resolve) =>
    (socket.emit as (e: string, p: unknown, cb: (a: Ack<unknown>) => void) => void)(event, payload, resolve),
  );
const until = async (condition: () => boolean, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("per-socket limits", () => {
  it("answers requests past the rate with the limit, then drops the client, telling it why", async () => {
    const socket = await client();
    const closing = new Promise((resolve) => socket.once("closing", resolve));
    const disconnected = new Promise((resolve) => socket.once("disconnect", resolve));
    for (let i = 0; i < 12; i++) void send(socket, "unwatch", { flowId: "AAAAAAAAAAAAAAAAAAAAAA" });
    expect(await closing).toEqual({
      reason: "rate-limit",
      message: "Disconnected: this client kept sending more than 5 requests per second",
    });
    expect(await disconnected).toBe("io server disconnect");
    expect(serverSockets.at(-1)!.data.closing).toBe("rate-limit");
  });

  it("refuses requests past the rate with a clear answer while under the strike limit", async () => {
    const socket = await client();
    const answers = await Promise.all(
      Array.from({ length: 7 }, () => send(socket, "unwatch", { flowId: "AAAAAAAAAAAAAAAAAAAAAA" })),
    );
    const refused = answers.filter((a) => !a.ok);
    expect(refused.length).toBeGreaterThanOrEqual(2);
    expect(refused[0]).toEqual({
      ok: false,
      error: expect.stringMatching(/^Too many requests( at once)?: at most/),
    });
  });

  it("a client that never reads gets no more answers once its buffers are full, and is dropped", async () => {
    const before = watchesHandled;
    const connectedBefore = gateway.io.sockets.sockets.size;
    const raw = await rawWebSocket(url);
    await until(() => gateway.io.sockets.sockets.size > connectedBefore);
    const serverSocket = serverSockets.at(-1)!;
    // Ask again and again for ~500 KB answers, within the rate, without ever reading one.
    for (let i = 0; i < 200 && gateway.io.sockets.sockets.size > connectedBefore; i++) {
      raw.write(frame(`42${i}["watch",{"flowId":"${flowId}","recent":2000}]`));
      await new Promise((r) => setTimeout(r, 250));
    }
    await until(() => gateway.io.sockets.sockets.size === connectedBefore);
    expect(serverSocket.data.closing).toBe("not-reading");
    // Once the socket buffers were full nothing more was made: a few dozen answers, not 200.
    expect(watchesHandled - before).toBeLessThan(60);
    // Its connection is cut at once (no closing handshake it would never read): writing fails.
    raw.on("error", () => {});
    await until(() => {
      raw.write(frame(`42["unwatch",{"flowId":"${flowId}"}]`));
      return raw.destroyed;
    }, 5000);
  }, 90_000);
});
