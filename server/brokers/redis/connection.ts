import { createClient } from "redis";
import type { BrokerPort } from "../../runtime";
import { RedisTopic, type RedisTopicOptions } from "./topic";

export type RedisClient = ReturnType<typeof createClient>;

export interface RedisBrokerOptions {
  url: string;
  /** Prepended to every stream key; tests use their own. Default `eventloom:`. */
  keyPrefix?: string;
  /** This server's consumer name in every group; stable across restarts, so its pending entries come back to it. */
  consumerName?: string;
  /** Pending entries of a consumer that stopped answering are reclaimed after this long. Default 30 s. */
  visibilityTimeoutMs?: number;
}

/**
 * One server's connection to Redis: a command client shared by every run (pipelined writes,
 * acknowledgements, housekeeping) plus one blocking client per consumer group it reads.
 * node-redis reconnects by itself and queues commands meanwhile, so nothing acknowledged or
 * published while Redis is away is forgotten.
 */
export class RedisConnection {
  readonly client: RedisClient;
  reachable = false;
  lastError: string | undefined;
  readonly options: Required<RedisBrokerOptions>;
  private readonly listeners = new Set<(reachable: boolean, reason?: string) => void>();

  constructor(options: RedisBrokerOptions) {
    this.options = {
      keyPrefix: "eventloom:",
      consumerName: "eventloom",
      visibilityTimeoutMs: 30_000,
      ...options,
    };
    this.client = createClient({
      url: options.url,
      socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000), connectTimeout: 3000 },
    });
    this.client.on("error", (error: Error) => this.set(false, error.message || String(error)));
    this.client.on("ready", () => this.set(true));
    this.client.on("end", () => this.set(false, "connection closed"));
  }

  /** Connects; resolves either way (a server that starts before Redis keeps retrying). */
  async connect(): Promise<void> {
    try {
      await this.client.connect();
    } catch (error) {
      this.set(false, (error as Error).message);
    }
  }

  /** Asks Redis whether it answers, within `timeoutMs`. */
  async check(timeoutMs = 1500): Promise<{ ok: true } | { ok: false; reason: string }> {
    if (!this.client.isReady) return { ok: false, reason: this.lastError ?? "not connected" };
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref(),
    );
    try {
      await Promise.race([this.client.ping(), timeout]);
      return { ok: true };
    } catch (error) {
      return { ok: false, reason: (error as Error).message };
    }
  }

  /** A client of its own for blocking reads (XREADGROUP BLOCK holds its connection). */
  async blockingClient(): Promise<RedisClient> {
    const client = this.client.duplicate();
    client.on("error", () => {}); // reported through the shared client; reads retry
    await client.connect();
    return client;
  }

  onReachability(listener: (reachable: boolean, reason?: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The broker port for one flow's run: its topics are streams under `<prefix><flowKey>:`. */
  forFlow(flowKey: string, runMark: string, options: Partial<RedisTopicOptions> = {}): BrokerPort {
    return {
      backend: "redis",
      openTopic: (nodeId, config, host) =>
        new RedisTopic(this, nodeId, config, host, {
          flowKey,
          runMark,
          maxPayloadBytes: options.maxPayloadBytes ?? 256 * 1024,
          fence: options.fence,
          reads: options.reads,
        }),
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    // A client still trying to reconnect would wait for Redis to say goodbye: drop it instead.
    if (!this.client.isReady) {
      if (this.client.isOpen) this.client.destroy();
      return;
    }
    await this.client.quit().catch(() => this.client.destroy());
  }

  private set(reachable: boolean, reason?: string): void {
    if (!reachable) this.lastError = reason;
    if (this.reachable === reachable) return;
    this.reachable = reachable;
    for (const listener of this.listeners) listener(reachable, reason);
  }
}
