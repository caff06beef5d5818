import { io as connect, type Socket } from "socket.io-client";
import type { FlowGraph } from "@/lib/flow";
import type {
  Ack,
  ClientToServerEvents,
  ControlRequest,
  ServerToClientEvents,
} from "@/lib/realtime/protocol";
import type { AbuseServer } from "./harness";
import { send, type RawAnswer } from "./raw-http";

/** An answer with its body parsed when it is JSON. */
export interface ApiAnswer {
  status: number;
  headers: RawAnswer["headers"];
  body: Record<string, unknown> & { error?: string };
  text: string;
}

/**
 * The REST calls an attack script makes, from one loopback address (`from`), so each attack
 * is its own client for the server's per-client limits.
 */
export function api(server: AbuseServer, from: string) {
  const call = async (method: string, path: string, body?: unknown): Promise<ApiAnswer> => {
    const answer = await send(server.port, {
      method,
      path,
      from,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const isJson = String(answer.headers["content-type"] ?? "").startsWith("application/json");
    return { ...answer, text: answer.body, body: isJson ? JSON.parse(answer.body) : {} };
  };
  return {
    call,
    async create(name: string, graph: FlowGraph): Promise<string> {
      const created = await call("POST", "/api/flows", { name, graph });
      if (created.status !== 201) throw new Error(`could not create ${name}: ${created.text}`);
      return String(created.body.id);
    },
    get: (id: string) => call("GET", `/api/flows/${id}`),
    deploy: (id: string) => call("POST", `/api/flows/${id}/deploy`),
    stop: (id: string) => call("POST", `/api/flows/${id}/stop`),
    run: (id: string) => call("GET", `/api/flows/${id}/run`),
  };
}

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A realtime client (Socket.IO over WebSocket) that reads everything it is sent. */
export async function realtime(server: AbuseServer) {
  const socket: Client = connect(server.base, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return {
    socket,
    control: (request: ControlRequest) =>
      new Promise<Ack<unknown>>((resolve) => socket.emit("control", request, resolve)),
    watch: (flowId: string, recent: number) =>
      new Promise<Ack<unknown>>((resolve) =>
        (socket.emit as (e: string, p: unknown, cb: (a: Ack<unknown>) => void) => void)(
          "watch",
          { flowId, recent },
          resolve,
        ),
      ),
    close: () => socket.disconnect(),
  };
}

/** Waits until `condition` holds, asking every `everyMs`; fails after `ms`. */
export async function until<T>(
  what: string,
  probe: () => Promise<T> | T,
  condition: (value: T) => boolean,
  ms = 30_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (condition(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`${what}: not reached within ${ms} ms (last: ${JSON.stringify(value)})`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
