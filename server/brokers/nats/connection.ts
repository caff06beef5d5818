import { connect, type NatsConnection as NatsClient } from "@nats-io/transport-node";
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from "@nats-io/jetstream";
import type { BrokerPort } from "../../runtime";
import { NatsTopic, type NatsTopicOptions } from "./topic";

export interface NatsBrokerOptions {
  url: string;
  /** First token of every subject; tests use their own. Default `eventloom`. */
  subjectPrefix?: string;
  /** First part of every stream name. Default `EVENTLOOM`. */
  streamPrefix?: string;
  /** A delivery not acknowledged this long is redelivered (the consumer's ack wait). Default 30 s. */
  ackWaitMs?: number;
}

/**
 * One server's connection to NATS with JetStream. The client reconnects by itself (without
 * limit) and buffers what is published meanwhile; the run hears when the server goes away
 * and comes back.
 */
export class NatsConnection {
  client: NatsClient | undefined;
  js!: JetStreamClient;
  jsm!: JetStreamManager;
  reachable = false;
  lastError: string | undefined;
  readonly options: Required<NatsBrokerOptions>;
  private readonly listeners = new Set<(reachable: boolean, reason?: string) => void>();

  constructor(options: NatsBrokerOptions) {
    this.options = { subjectPrefix: "eventloom", streamPrefix: "EVENTLOOM", ackWaitMs: 30_000, ...options };
  }

  /** Connects; resolves either way (a server started before NATS reports it unavailable until it can connect). */
  async connect(): Promise<void> {
    try {
      const url = new URL(this.options.url);
      this.client = await connect({
        servers: `${url.hostname}:${url.port || 4222}`,
        ...(url.username
          ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
          : {}),
        maxReconnectAttempts: -1,
        reconnectTimeWait: 500,
        timeout: 3000,
        // Without it every request (a JetStream publish is one) builds two errors with stack
        // traces up front, in case it fails: a fifth of a busy server's CPU and much of its GC.
        noAsyncTraces: true,
      });
      this.js = jetstream(this.client);
      this.jsm = await jetstreamManager(this.client);
      this.set(true);
      void this.watch(this.client);
    } catch (error) {
      this.set(false, (error as Error).message);
    }
  }

  /** Asks the server (and JetStream) whether it answers, within `timeoutMs`. */
  async check(timeoutMs = 1500): Promise<{ ok: true } | { ok: false; reason: string }> {
    if (!this.client || this.client.isClosed())
      return { ok: false, reason: this.lastError ?? "not connected" };
    try {
      await Promise.race([
        this.jsm.getAccountInfo(),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref(),
        ),
      ]);
      return { ok: true };
    } catch (error) {
      return { ok: false, reason: (error as Error).message };
    }
  }

  onReachability(listener: (reachable: boolean, reason?: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The broker port for one flow's run: a stream per topic under the flow's key. */
  forFlow(
    flowKey: string,
    runMark: string,
    options: Pick<NatsTopicOptions, "fence" | "reads" | "member"> & { maxPayloadBytes?: number } = {},
  ): BrokerPort {
    return {
      backend: "nats",
      openTopic: (nodeId, config, host) =>
        new NatsTopic(this, nodeId, config, host, {
          flowKey,
          runMark,
          maxPayloadBytes: options.maxPayloadBytes ?? 256 * 1024,
          fence: options.fence,
          reads: options.reads,
          member: options.member,
        }),
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    const client = this.client;
    this.client = undefined;
    if (client && !client.isClosed()) await client.drain().catch(() => client.close());
  }

  private async watch(client: NatsClient): Promise<void> {
    for await (const status of client.status()) {
      if (status.type === "disconnect") this.set(false, "disconnected from NATS");
      else if (status.type === "reconnect") this.set(true);
      else if (status.type === "error")
        this.set(false, String((status as { error?: unknown }).error ?? "error"));
    }
  }

  private set(reachable: boolean, reason?: string): void {
    if (!reachable) this.lastError = reason;
    if (this.reachable === reachable) return;
    this.reachable = reachable;
    for (const listener of this.listeners) listener(reachable, reason);
  }
}
