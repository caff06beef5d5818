// Test and benchmark support: servers of one in-process cluster, each with its realtime gateway
// (co-editing across the servers on), and editors: browser document connections to one of them.
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect } from "socket.io-client";
import * as Y from "yjs";
import { Awareness } from "y-protocols/awareness";
import type { FlowGraph } from "@/lib/flow";
import { readDocGraph } from "@/lib/realtime/flow-doc";
import { writeGraphChanges } from "@/lib/realtime/flow-doc-write";
import { attachGateway } from "../gateway";
import { realtimeAdapter } from "../gateway/realtime-adapter";
import type { Client, DocConnection, Editor } from "../gateway/testing/coedit-server";
import { testCluster, type TestServer } from "./test-cluster";

type ConnectDoc = (socket: Client, ref: string, doc: Y.Doc, awareness: Awareness) => DocConnection;

export interface ServedServer extends TestServer {
  url: string;
  gateway: ReturnType<typeof attachGateway>;
}

/** A cluster whose servers co-edit across each other; `connectDoc` is the browser's (handed in: server code imports no UI). */
export async function coeditCluster(connectDoc: ConnectDoc) {
  const cluster = await testCluster();
  const https: HttpServer[] = [];
  const served: ServedServer[] = [];
  const sockets: Client[] = [];

  async function serve(name: string): Promise<ServedServer> {
    const server = await cluster.startServer(name);
    const http = createServer();
    https.push(http);
    const gateway = attachGateway(http, server.services, "test", {
      cluster: {
        server: name,
        adapter: realtimeAdapter(server.redis, cluster.prefix),
        docs: server.docs,
      },
    });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    served.push({ ...server, url, gateway });
    return served.at(-1)!;
  }

  async function editor(server: ServedServer, ref: string, name: string): Promise<Editor> {
    const socket: Client = connect(server.url, { transports: ["websocket"], forceNew: true });
    sockets.push(socket);
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    awareness.setLocalState({ user: { name, colour: "#2563eb" } });
    const refusals: string[] = [];
    socket.on("doc:refused", ({ error }) => refusals.push(error));
    const connection = connectDoc(socket, ref, doc, awareness);
    for (let waited = 0; !connection.status().synced; waited += 20) {
      if (waited > 8000) throw new Error(`${name} did not sync in time`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const graph = () => readDocGraph(connection.doc());
    return {
      socket,
      doc: () => connection.doc(),
      connection,
      refusals,
      graph,
      edit: (change: (graph: FlowGraph) => FlowGraph) => {
        const before = graph();
        writeGraphChanges(connection.doc(), before, change(before));
      },
    };
  }

  return {
    serve,
    editor,
    async close() {
      sockets.forEach((s) => s.disconnect());
      served.forEach((s) => s.gateway.close());
      await Promise.all(https.map((h) => new Promise((resolve) => h.close(resolve))));
      // Leaves and last saves of the sockets just closed land before the schema goes.
      await new Promise((r) => setTimeout(r, 300));
      await cluster.close();
    },
  };
}
