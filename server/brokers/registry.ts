import { createHash } from "node:crypto";
import type { BackendAvailability } from "@/lib/api/brokers";
import { TOPIC_BACKEND_LABELS, type TopicBackend } from "@/lib/flow";
import type { BrokerPorts } from "../runtime";
import type { PublishFence } from "./fencing";
import { NatsConnection } from "./nats/connection";
import { RedisConnection } from "./redis/connection";

export type RemoteBackend = Exclude<TopicBackend, "embedded">;

/** How one run uses the brokers. */
export interface RunPortOptions {
  maxPayloadBytes: number;
  /** Fencing: nothing is published once this server may no longer act for the run. */
  fence?: PublishFence;
  /** The partitions this server reads when the run's consumer groups spread over a cluster. */
  reads?: (partition: number) => boolean;
  /** A member of a spread run (not its owner): on NATS it reads the owner's consumers, never makes one. */
  member?: boolean;
}

export interface BrokerRegistryOptions {
  redisUrl?: string;
  natsUrl?: string;
  /** This server's consumer name (Redis) in every group. */
  consumerName: string;
  visibilityTimeoutMs: number;
}

/**
 * The remote brokers this server may place topics on, connected once at start. Everything
 * that needs a broker client goes through here; the services only see this interface.
 */
export interface BrokerRegistry {
  availability(): BackendAvailability[];
  /** Asks each of `backends` whether it answers now; the first that does not, with why. */
  check(
    backends: readonly RemoteBackend[],
  ): Promise<{ ok: true } | { ok: false; backend: RemoteBackend; message: string }>;
  /** Broker ports for one run of `flowId`; its topics live under a key derived from the id (not the id, which grants editing). */
  portsFor(flowId: string, runMark: string, options: RunPortOptions): BrokerPorts;
  onReachability(listener: (backend: RemoteBackend, reachable: boolean, reason?: string) => void): () => void;
  close(): Promise<void>;
}

/** The name a flow's topics carry on the brokers: stable, not secret. */
export function flowBrokerKey(flowId: string): string {
  return createHash("sha256").update(flowId).digest("hex").slice(0, 12);
}

const ENV_NAME: Record<RemoteBackend, string> = { redis: "REDIS_URL", nats: "NATS_URL" };

/** Connects to the configured brokers (in the background: a broker that is down is retried). */
export function createBrokerRegistry(options: BrokerRegistryOptions): BrokerRegistry {
  const redis = options.redisUrl
    ? new RedisConnection({
        url: options.redisUrl,
        consumerName: options.consumerName,
        visibilityTimeoutMs: options.visibilityTimeoutMs,
      })
    : undefined;
  const nats = options.natsUrl
    ? new NatsConnection({ url: options.natsUrl, ackWaitMs: options.visibilityTimeoutMs })
    : undefined;
  // A check right after start (resuming runs) waits for the first connection attempts.
  const connected = Promise.all([redis?.connect(), nats?.connect()]);
  const connections = { redis, nats };
  const where = (backend: RemoteBackend) =>
    `${TOPIC_BACKEND_LABELS[backend]} at ${redact(backend === "redis" ? options.redisUrl! : options.natsUrl!)}`;
  const notConfigured = (backend: RemoteBackend) =>
    `${TOPIC_BACKEND_LABELS[backend]} is not configured on this server: set ${ENV_NAME[backend]}`;

  return {
    availability() {
      const remote = (backend: RemoteBackend): BackendAvailability => {
        const connection = connections[backend];
        const label = TOPIC_BACKEND_LABELS[backend];
        if (!connection) return { backend, label, available: false, reason: notConfigured(backend) };
        return connection.reachable
          ? { backend, label, available: true }
          : {
              backend,
              label,
              available: false,
              reason: `${where(backend)} does not answer (${connection.lastError ?? "connecting"})`,
            };
      };
      return [
        { backend: "embedded", label: TOPIC_BACKEND_LABELS.embedded, available: true },
        remote("redis"),
        remote("nats"),
      ];
    },
    async check(backends) {
      await Promise.race([connected, new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
      for (const backend of backends) {
        const connection = connections[backend];
        if (!connection) return { ok: false, backend, message: notConfigured(backend) };
        const answer = await connection.check();
        if (!answer.ok)
          return { ok: false, backend, message: `${where(backend)} does not answer: ${answer.reason}` };
      }
      return { ok: true };
    },
    portsFor(flowId, runMark, { maxPayloadBytes, fence, reads, member }) {
      const key = flowBrokerKey(flowId);
      return {
        ...(redis ? { redis: redis.forFlow(key, runMark, { maxPayloadBytes, fence, reads }) } : {}),
        ...(nats ? { nats: nats.forFlow(key, runMark, { maxPayloadBytes, fence, reads, member }) } : {}),
      };
    },
    onReachability(listener) {
      const offs = [
        redis?.onReachability((up, reason) => listener("redis", up, reason)),
        nats?.onReachability((up, reason) => listener("nats", up, reason)),
      ];
      return () => offs.forEach((off) => off?.());
    },
    async close() {
      await Promise.all([redis?.close(), nats?.close()]);
    },
  };
}

/** A URL without its password, for messages. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString().replace(/\/$/, "");
  } catch {
    return "(unreadable URL)";
  }
}
