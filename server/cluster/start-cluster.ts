import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Env } from "../env";
import { databaseTarget } from "../db/database-url";
import type { RunUseCases } from "../services/run-use-cases";
import { leaseKeeper, type LeaseClock } from "./lease-keeper";
import type { DocCluster } from "./doc-relay";
import { clusterMembers, type MemberLoad } from "./members";
import { clusterPlacement } from "./placement";
import { redisClient, type RedisClient } from "./redis-client";
import { redisLeaseStore } from "./redis-lease-store";
import { answerRoutedCalls, type RunRoute } from "./routed-run-use-cases";
import { isFlowEdit } from "./routed-flow-edits";
import { serverRpc } from "./rpc";
import { leasedRunOwnership, type RunOwnership } from "./run-ownership";
import { spreadBoard, type SpreadBoard } from "./spread-board";

/** How often each server of a cluster reports its load and looks for runs whose owner is gone. */
export const TAKEOVER_EVERY_MS = 2000;
/** How often each server renews its part in spread runs and follows the others' (see spread-runs). */
export const SPREAD_EVERY_MS = 1000;

const realClock: LeaseClock = {
  now: () => performance.now(),
  after(ms, fn) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};

export interface Cluster {
  server: string;
  ownership: RunOwnership;
  route: RunRoute;
  /** The cluster's Redis connection, for the Socket.IO adapter that joins the servers' realtime channels. */
  redis: RedisClient;
  /** Where runs whose consumer groups spread over the servers are announced and joined. */
  spread: SpreadBoard;
  prefix: string;
  /** Co-editing across the servers: who holds each flow's document, and requests to the holder. */
  docs: DocCluster;
  /** Lets the other servers call this server's own run use cases (once the services exist). */
  answerWith(local: RunUseCases): void;
  /** Reports this server's load to the others; call every TAKEOVER_EVERY_MS. */
  beat(load: Omit<MemberLoad, "server">): Promise<void>;
  close(): Promise<void>;
}

/**
 * Joins the cluster when this server shares its storage (PostgreSQL) and has Redis; otherwise
 * (the embedded defaults, or one server on SQLite) there is no cluster and nothing is started.
 */
export async function startCluster(
  config: Pick<
    Env,
    | "DATABASE_URL"
    | "REDIS_URL"
    | "SERVER_ID"
    | "CLUSTER_PREFIX"
    | "RUN_LEASE_MS"
    | "CLUSTER_MAX_RUNNING_FLOWS"
    | "CLUSTER_MAX_EVENTS_PER_SEC"
    | "MAX_FLOW_EVENTS_PER_SEC"
  >,
): Promise<Cluster | undefined> {
  if (!config.REDIS_URL || databaseTarget(config.DATABASE_URL).kind !== "postgresql") return undefined;
  const redis = redisClient(config.REDIS_URL);
  redis.on("error", () => {}); // reconnects by itself; a lease that cannot be renewed runs out
  await redis.connect();
  const server = config.SERVER_ID ?? `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  const store = redisLeaseStore(redis, config.CLUSTER_PREFIX);
  const keeper = leaseKeeper(store, server, config.RUN_LEASE_MS, realClock);
  const ownership = leasedRunOwnership(keeper, async (name) => (await store.current(name))?.holder ?? null);
  const members = clusterMembers(redis, config.CLUSTER_PREFIX, TAKEOVER_EVERY_MS * 3);
  const placement = clusterPlacement(members, store, server, {
    maxRunningFlows: config.CLUSTER_MAX_RUNNING_FLOWS,
    maxEventsPerSec: config.CLUSTER_MAX_EVENTS_PER_SEC,
    maxFlowEventsPerSec: config.MAX_FLOW_EVENTS_PER_SEC,
  });
  let answer: ((method: string, params: unknown) => Promise<unknown>) | undefined;
  let answerDocs: ((method: string, params: unknown) => Promise<unknown>) | undefined;
  let answerEdits: ((method: string, params: unknown) => Promise<unknown>) | undefined;
  const rpc = await serverRpc(redis, config.CLUSTER_PREFIX, server, async (method, params) => {
    const handle = method.startsWith("doc.") ? answerDocs : isFlowEdit(method) ? answerEdits : answer;
    if (!handle) throw new Error("This server is still starting");
    return handle(method, params);
  });
  const holder = async (name: string) => (await store.current(name))?.holder ?? null;
  const docs: DocCluster = {
    self: server,
    ownership: leasedRunOwnership(keeper, holder, "doc"),
    call: (target, method, params) => rpc.call(target, method, params),
    answer: (handler) => void (answerDocs = handler),
    answerEdits: (handler) => void (answerEdits = handler),
    leaseMs: config.RUN_LEASE_MS,
  };
  return {
    server,
    ownership,
    redis,
    spread: spreadBoard(redis, config.CLUSTER_PREFIX, SPREAD_EVERY_MS * 4),
    prefix: config.CLUSTER_PREFIX,
    route: {
      self: server,
      ownerOf: (flowId) => ownership.owner(flowId),
      placeNew: (eventsPerSec) => placement.place(eventsPerSec),
      call: (target, method, args) => rpc.call(target, method, args),
    },
    docs,
    answerWith(local) {
      answer = answerRoutedCalls(local);
    },
    beat: (load) => members.beat({ server, ...load }),
    async close() {
      await ownership.releaseAll();
      await docs.ownership.releaseAll();
      await members.leave(server);
      await rpc.close();
      await redis.close();
    },
  };
}
