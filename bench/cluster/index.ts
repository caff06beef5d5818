/**
 * Cluster benchmark (never part of the tests): real servers (production build) as child
 * processes sharing the local PostgreSQL and Redis, as the cluster suite starts them.
 *
 * 1. Deliveries/s of one consumer group on Redis Streams, then on NATS JetStream (PARTITIONS
 *    partitions, no processing time) spread over 1, 2 and 3 servers: with the group offline, a producer fills a backlog of
 *    BACKLOG events; the producer pauses, the group comes online on every server at once, and a
 *    watcher counts the acks over 10 s from 2 s later (the group drains as fast as the servers can).
 * 2. Failover: `kill -9` of the run's owner (3 servers, 3 partitions, 200 events/s), then the
 *    time until a watcher on another server is sent the successor's first published event (the
 *    run resumed; target: median under 10 s with the default RUN_LEASE_MS, 6 s), and until the
 *    partitions the dead server was reading are delivered by another (the group's share moved;
 *    the other servers' partitions never stop). A replacement server joins after each trial.
 *
 * The last line printed is one JSON object with the figures.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
// @ts-expect-error plain .mjs helpers shared with scripts/test.mjs
import { buildIfStale } from "../../scripts/build-if-stale.mjs";
import { api, startCluster, until, type TestCluster } from "../../server/cluster/harness/cluster-harness";
import { pipeline } from "../../server/cluster/harness/flow";
import type { TopicBackend } from "../../lib/flow";

const MEASURE_MS = 10_000;
/** Partitions of the drained topic: one per server at most, each read by one at a time. */
const PARTITIONS = 3;
/** Within the topic's retention (100,000 events per partition). */
const BACKLOG = 240_000;
const TRIALS = 5;
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

type Backend = Extract<TopicBackend, "redis" | "nats">;
/** `--backend=redis` or `--backend=nats` measures the drain on that one only. */
const only = process.argv.find((a) => a.startsWith("--backend="))?.slice("--backend=".length);
const BACKENDS = (["redis", "nats"] as const).filter((b) => !only || b === only);
const LABEL: Record<Backend, string> = { redis: "Redis", nats: "NATS" };

/** One flow on `backend`: a producer at `ratePerSec` into `partitions`, one group acking at once. */
const deploy = (cluster: TestCluster, ratePerSec: number, partitions = 3, backend: Backend = "redis") =>
  cluster.deploy("Bench", pipeline({ ratePerSec, backend, partitions }));

/** CPU seconds a process has used (user + system), from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100/s)
}

/** The broker's CPU seconds so far: Redis's from INFO cpu, nats-server's from /proc. */
async function brokerCpuSeconds(cluster: TestCluster, backend: Backend): Promise<number> {
  if (backend === "nats")
    return cpuSeconds(Number(execFileSync("pidof", ["nats-server"]).toString().split(" ")[0]));
  const info = await cluster.redis.info("cpu");
  const read = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return read("used_cpu_user") + read("used_cpu_sys");
}

interface Throughput {
  rate: number;
  members: number;
  /** CPU use over the measurement, in cores: each server's, and the broker's. */
  serverCores: number[];
  brokerCores: number;
  /** Events/s the producer published while the backlog filled (the group offline). */
  publishRate: number;
}

/** The servers taking part in the flow's run, by name, once every live server says it does (each says so every second). */
async function takingPart(cluster: TestCluster, id: string): Promise<string[]> {
  const alive = cluster.servers.filter((s) => s.alive()).length;
  return until(
    async () => {
      const [key] = await cluster.redis.keys(`${cluster.prefix}spread-members:${id}:*`);
      const names = key ? await cluster.redis.zRange(key, 0, -1) : [];
      return names.length === alive ? names.sort() : undefined;
    },
    "every server takes part in the run",
    10_000,
  );
}

/** Deliveries/s a watcher counts over MEASURE_MS while the group drains a backlog, spread over `servers`. */
async function throughput(servers: number, backend: Backend): Promise<Throughput> {
  const cluster = await startCluster(servers, { leaseMs: 6000 });
  try {
    const { id, owner } = await deploy(cluster, 20_000, PARTITIONS, backend);
    const control = (action: string, nodeId: string) =>
      cluster.control(owner, { flowId: id, action, nodeId });
    await control("offline", "billing");
    const seen = await cluster.watcher(owner, id);
    const publishing = performance.now();
    await until(() => seen.published >= BACKLOG, "the backlog is published", 300_000);
    const publishRate = (BACKLOG * 1000) / (performance.now() - publishing);
    await control("pause", "p");
    const taking = (await takingPart(cluster, id)).length;
    await control("online", "billing");
    // Every server hears of it within a second (members follow the owner's announcement).
    await new Promise((r) => setTimeout(r, 2000));
    const from = seen.acked;
    const cpuFrom = cluster.servers.map((s) => cpuSeconds(s.pid));
    const brokerFrom = await brokerCpuSeconds(cluster, backend);
    await new Promise((r) => setTimeout(r, MEASURE_MS));
    const rate = ((seen.acked - from) * 1000) / MEASURE_MS;
    const serverCores = cluster.servers.map((s, i) => (cpuSeconds(s.pid) - cpuFrom[i]) / (MEASURE_MS / 1000));
    const brokerCores = ((await brokerCpuSeconds(cluster, backend)) - brokerFrom) / (MEASURE_MS / 1000);
    await api(owner.base, `/api/flows/${id}/stop`, {});
    return { rate, members: taking, serverCores, brokerCores, publishRate };
  } finally {
    await cluster.close();
  }
}

/** Per trial, milliseconds from kill -9 of the owner until its work goes on elsewhere. */
interface Failover {
  /** The successor's first published event reaches a watcher (the run resumed: producers run on the owner). */
  resumedMs: number;
  /** The first ack of a partition the dead server was reading, by another server (its share moved). */
  shareMovedMs: number;
}

async function failovers(): Promise<Failover[]> {
  const cluster = await startCluster(3, { leaseMs: 6000 });
  const trials: Failover[] = [];
  try {
    for (let trial = 0; trial < TRIALS; trial++) {
      const { id, owner: dying } = await deploy(cluster, 200);
      const survivor = cluster.servers.find((s) => s !== dying && s.alive())!;
      const seen = await cluster.watcher(survivor, id);
      await until(() => seen.acked > 50, "the watcher sees deliveries", 15_000);
      // The partitions the dying server reads: its place among the servers taking part, by name.
      const members = await takingPart(cluster, id);
      const lost = [0, 1, 2].filter((p) => p % members.length === members.indexOf(dying.name));
      dying.kill("SIGKILL");
      await dying.exited;
      const killedAt = performance.now();
      const killedWall = Date.now();
      const resumed = await until(
        () => (seen.lastPublishAt > killedAt ? seen.lastPublishAt : 0),
        "a published event from the successor",
        60_000,
      );
      const moved = await until(
        () =>
          seen.rows.find(
            (r) =>
              r.outcome === "acked" &&
              lost.includes(r.partition!) &&
              r.atMs > killedWall &&
              r.server !== dying.name,
          )?.atMs,
        "an ack of the dead server's partitions by another server",
        60_000,
      );
      trials.push({ resumedMs: resumed - killedAt, shareMovedMs: moved - killedWall });
      console.log(
        `  trial ${trial + 1}: kill -9 of ${dying.name} (owner, reading p${lost.join(", p")}): run resumed by the successor after ${fmt(resumed - killedAt)} ms; its partitions delivered by another server after ${fmt(moved - killedWall)} ms`,
      );
      await api(survivor.base, `/api/flows/${id}/stop`, {});
      await cluster.add(`r${trial + 1}`);
    }
    return trials;
  } finally {
    await cluster.close();
  }
}

const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    min: sorted[0],
    median: sorted[Math.floor(sorted.length / 2)],
    max: sorted.at(-1)!,
    trials: values,
  };
};

async function main() {
  buildIfStale();
  console.log(
    `cluster bench: ${MEASURE_MS / 1000} s per measurement; 2 cores shared by every server, the broker and PostgreSQL`,
  );
  console.log(`one group draining a backlog of ${fmt(BACKLOG)} events, spread over the cluster:`);
  const rates = {} as Record<Backend, Record<number, number>>;
  const cores = {} as Record<Backend, Record<number, { servers: number[]; broker: number }>>;
  for (const backend of BACKENDS) {
    rates[backend] = {};
    cores[backend] = {};
    for (const servers of [1, 2, 3]) {
      const { rate, members, serverCores, brokerCores, publishRate } = await throughput(servers, backend);
      rates[backend][servers] = rate;
      cores[backend][servers] = { servers: serverCores, broker: brokerCores };
      const used = serverCores.map((c) => c.toFixed(2)).join(" + ");
      console.log(
        `  ${LABEL[backend].padEnd(5)} ${servers} server${servers === 1 ? " " : "s"}: ${fmt(rate)} deliveries/s (${members} reading a share; CPU cores: servers ${used}, ${LABEL[backend]} ${brokerCores.toFixed(2)}; backlog published at ${fmt(publishRate)}/s)`,
      );
    }
  }
  console.log("failover (RUN_LEASE_MS 6000, BROKER_VISIBILITY_TIMEOUT_MS 2000):");
  const trials = await failovers();
  const resumed = summary(trials.map((t) => t.resumedMs));
  const moved = summary(trials.map((t) => t.shareMovedMs));
  console.log(
    `  run resumed:     min ${fmt(resumed.min)} ms   median ${fmt(resumed.median)} ms   max ${fmt(resumed.max)} ms   (target: median < 10,000 ms)`,
  );
  console.log(
    `  partitions moved: min ${fmt(moved.min)} ms   median ${fmt(moved.median)} ms   max ${fmt(moved.max)} ms`,
  );
  console.log(
    JSON.stringify({
      bench: "cluster",
      partitions: PARTITIONS,
      deliveriesPerSec: rates,
      scaling2: Object.fromEntries(BACKENDS.map((b) => [b, rates[b][2] / rates[b][1]])),
      scaling3: Object.fromEntries(BACKENDS.map((b) => [b, rates[b][3] / rates[b][1]])),
      cpuCores: cores,
      failoverMs: resumed,
      shareMovedMs: moved,
      failoverTargetMet: resumed.median < 10_000,
    }),
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
