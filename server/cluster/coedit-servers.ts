// Test and benchmark support: servers of one in-process cluster, each with its realtime gateway
// (co-editing across the servers on), and editors: browser document connections to one of them.
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { attachGateway } from "../gateway";
import { realtimeAdapter } from "../gateway/realtime-adapter";
import { connectEditor, type Client, type ConnectDoc, type Editor } from "../gateway/testing/coedit-server";
import { testCluster, type TestServer } from "./test-cluster";

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
    const made = await connectEditor(server.url, ref, name, connectDoc);
    sockets.push(made.socket);
    return made;
  }

  return {
    prefix: cluster.prefix,
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
