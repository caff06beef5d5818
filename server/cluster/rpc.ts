import { randomBytes } from "node:crypto";
import type { RedisClient } from "./redis-client";

/** What a server answers to a request from another server (JSON-serialisable). */
export type RpcHandler = (method: string, params: unknown) => Promise<unknown>;

export class RpcUnreachable extends Error {
  constructor(readonly server: string) {
    super(`Server ${server} did not answer in time`);
  }
}

interface Envelope {
  id: string;
  from: string;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: string;
}

/**
 * Requests between servers over Redis pub/sub: each server listens on `PREFIX rpc:SERVER` and
 * gets answers on the same channel. Used to route a control (deploy, stop, fire…) to the server
 * that owns the run. A request that gets no answer within `timeoutMs` fails with RpcUnreachable,
 * so a caller can answer 503 instead of waiting on a dead server.
 */
export async function serverRpc(
  redis: RedisClient,
  prefix: string,
  server: string,
  handle: RpcHandler,
  timeoutMs = 5000,
) {
  const channel = (id: string) => `${prefix}rpc:${id}`;
  const subscriber = redis.duplicate();
  await subscriber.connect();
  const pending = new Map<
    string,
    { resolve(v: unknown): void; reject(e: Error): void; timer: NodeJS.Timeout }
  >();

  await subscriber.subscribe(channel(server), (message) => {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(message) as Envelope;
    } catch {
      return;
    }
    if (envelope.method === undefined) {
      const waiting = pending.get(envelope.id);
      if (!waiting) return;
      pending.delete(envelope.id);
      clearTimeout(waiting.timer);
      if (envelope.error !== undefined) waiting.reject(new Error(envelope.error));
      else waiting.resolve(envelope.result);
      return;
    }
    const reply = (answer: Partial<Envelope>) =>
      void redis.publish(
        channel(envelope.from),
        JSON.stringify({ id: envelope.id, from: server, ...answer }),
      );
    handle(envelope.method, envelope.params).then(
      (result) => reply({ result }),
      (error: unknown) => reply({ error: error instanceof Error ? error.message : String(error) }),
    );
  });

  return {
    server,
    /** Asks `target` to run `method`; resolves with its answer or rejects (RpcUnreachable on time-out). */
    call(target: string, method: string, params: unknown): Promise<unknown> {
      const id = randomBytes(9).toString("base64url");
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new RpcUnreachable(target));
        }, timeoutMs);
        pending.set(id, { resolve, reject, timer });
        void redis
          .publish(channel(target), JSON.stringify({ id, from: server, method, params } satisfies Envelope))
          .then((receivers) => {
            // Nobody subscribed: the server is gone, no need to wait for the time-out.
            if (receivers === 0 && pending.delete(id)) {
              clearTimeout(timer);
              reject(new RpcUnreachable(target));
            }
          }, reject);
      });
    },
    async close() {
      for (const [, waiting] of pending) {
        clearTimeout(waiting.timer);
        waiting.reject(new RpcUnreachable(server));
      }
      pending.clear();
      await subscriber.close();
    },
  };
}
export type ServerRpc = Awaited<ReturnType<typeof serverRpc>>;
