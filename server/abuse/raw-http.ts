import { request } from "node:http";
import { connect, type Socket } from "node:net";

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One request with exactly the method, path and headers given: no URL normalisation, any
 * method (fetch refuses TRACE and rewrites bad escapes), so attacks arrive as a client sent them.
 */
export function send(
  port: number,
  {
    method = "GET",
    path = "/",
    headers = {},
    body,
    from,
  }: {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    /** The loopback address to send from (127.0.0.2, …): a client apart from the health checks. */
    from?: string;
  },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, method, path, headers, agent: false, localAddress: from },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** JSON body of an answer. */
export const json = (answer: RawAnswer) =>
  JSON.parse(answer.body) as { error?: string } & Record<string, unknown>;

/**
 * Writes `head` (and nothing more) on a raw socket and resolves with what the server sent
 * back before it closed the connection: for requests that never finish.
 */
export function sendPartial(
  port: number,
  head: string,
  from?: string,
): Promise<{ reply: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: "127.0.0.1", localAddress: from }, () => socket.write(head));
    let reply = "";
    socket.on("data", (c: Buffer) => (reply += c.toString()));
    socket.on("error", () => {});
    socket.on("close", () => resolve({ reply, closed: true }));
  });
}

/** Opens `count` raw connections that send nothing; returns them to close later. */
export async function openIdle(port: number, count: number, from?: string) {
  const sockets = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Socket>((resolve) => {
          const socket = connect({ port, host: "127.0.0.1", localAddress: from }, () => resolve(socket));
          socket.on("error", () => resolve(socket));
        }),
    ),
  );
  return {
    /** How many the server has closed so far. */
    closed: () => sockets.filter((s) => s.closed || s.readyState !== "open").length,
    close: () => sockets.forEach((s) => s.destroy()),
  };
}
