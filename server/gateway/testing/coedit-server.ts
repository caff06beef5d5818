import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll } from "vitest";
import * as Y from "yjs";
import { Awareness } from "y-protocols/awareness";
import { producerKind, topicKind, type FlowGraph, type FlowNode } from "@/lib/flow";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/realtime/protocol";
import { readDocGraph } from "@/lib/realtime/flow-doc";
import { writeGraphChanges } from "@/lib/realtime/flow-doc-write";
import { prismaFor } from "../../db/client";
import { flowsRepo } from "../../db/flows-repo";
import { applyMigrations } from "../../db/migrate";
import { flowService } from "../../services/flows";
import { runRegistry } from "../../services/runs";
import { composeServices } from "../../services/use-cases";
import { liveFlows } from "../../services/live-flows";
import { parseStoredGraph } from "../../services/stored-graph";
import { attachGateway } from "..";

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

export const start: FlowGraph = {
  schemaVersion: 2,
  nodes: [
    { id: "p", kind: "producer", position: { x: 0, y: 0 }, config: producerKind.defaults() },
    { id: "t", kind: "topic", position: { x: 300, y: 0 }, config: topicKind.defaults() },
  ],
  edges: [{ id: "pub", kind: "publishes", source: "p", target: "t" }],
};

export const until = async (condition: () => boolean | Promise<boolean>, ms = 8000) => {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** The browser's document connection (components/realtime), handed in by the test: server code imports no UI. */
export interface DocConnection {
  status(): { synced: boolean; unsaved: boolean; access: "view" | "edit" | null };
  doc(): Y.Doc;
  epoch(): number | null;
  close(): void;
}
export type ConnectDoc = (socket: Client, ref: string, doc: Y.Doc, awareness: Awareness) => DocConnection;

export interface Editor {
  socket: Client;
  /** The editor's copy of the document now (a new epoch replaces it). */
  doc: () => Y.Doc;
  connection: DocConnection;
  /** The person's presence (a display name; the connection sends its changes). */
  awareness: Awareness;
  refusals: string[];
  graph: () => FlowGraph;
  edit: (change: (graph: FlowGraph) => FlowGraph) => void;
}

export const topic = (id: string, x: number): FlowNode => ({
  id,
  kind: "topic",
  position: { x, y: 100 },
  config: { ...topicKind.defaults(), name: id },
});

export const settled = (editors: Editor[]) => () =>
  editors.every((e) => !e.connection.status().unsaved) &&
  editors.every((e) => isDeepStrictEqual(e.graph(), editors[0].graph()));

/**
 * A gateway on a real HTTP server with a temporary SQLite database, for co-editing tests over
 * real sockets (set up and torn down around the calling test file).
 */
export function coeditServer(connectDoc: ConnectDoc) {
  const dir = mkdtempSync(join(tmpdir(), "eventloom-coedit-"));
  applyMigrations(join(dir, "db.sqlite"));
  const repo = flowsRepo(prismaFor(`file:${join(dir, "db.sqlite")}`));
  const live = liveFlows(repo, { saveDelayMs: 40, revisionPauseMs: 60_000 });
  const flows = flowService(repo, live);
  const runs = runRegistry(flows, {
    maxRunningFlows: 2,
    maxFlowEventsPerSec: 1000,
    maxServerEventsPerSec: 1000,
    maxPayloadBytes: 65_536,
    historySize: 100,
  });
  const services = composeServices(flows, runs);
  let http: HttpServer;
  let url: string;
  let gateway: ReturnType<typeof attachGateway>;
  const sockets: Client[] = [];

  beforeAll(async () => {
    http = createServer();
    gateway = attachGateway(http, services, "test");
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    gateway.close();
    await new Promise((resolve) => http.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  async function editor(ref: string, name: string): Promise<Editor> {
    const made = await connectEditor(url, ref, name, connectDoc);
    sockets.push(made.socket);
    return made;
  }

  async function newFlow(graph: FlowGraph = start): Promise<string> {
    const created = await flows.create({ name: "Together", graph });
    if (!created.ok) throw new Error("could not create the flow");
    return created.value.id;
  }
  const stored = async (id: string) => parseStoredGraph((await repo.find(id))!.graph).graph;

  return { repo, live, flows, services, editor, newFlow, stored };
}

/** An editor: a browser's document connection (`connectDoc`) to the gateway at `url`, synced. */
export async function connectEditor(
  url: string,
  ref: string,
  name: string,
  connectDoc: ConnectDoc,
): Promise<Editor> {
  const socket: Client = connect(url, { transports: ["websocket"], forceNew: true });
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  awareness.setLocalState({ user: { name, colour: "#2563eb" } });
  const refusals: string[] = [];
  socket.on("doc:refused", ({ error }) => refusals.push(error));
  const connection = connectDoc(socket, ref, doc, awareness);
  try {
    await until(() => connection.status().synced, 8000);
  } catch {
    socket.disconnect();
    throw new Error(`${name} did not sync in time`);
  }
  const graph = () => readDocGraph(connection.doc());
  return {
    socket,
    doc: () => connection.doc(),
    connection,
    awareness,
    refusals,
    graph,
    edit: (change) => {
      const before = graph();
      writeGraphChanges(connection.doc(), before, change(before));
    },
  };
}
