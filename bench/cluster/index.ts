/**
 * Cluster benchmark (never part of the tests): real servers (production build) as child
 * processes sharing the local PostgreSQL and Redis, as the cluster suite starts them.
 *
 * 1. Deliveries/s of one flow on Redis Streams (a producer at 20,000 events/s, 3 partitions, one
 *    consumer group with no processing time) with 1, 2 and 3 servers in the cluster, counted by a
 *    watcher over 10 s.
 * 2. Failover: `kill -9` of the run's owner, then the time until a watcher on another server is
 *    sent the successor's first delivery, over 5 trials (default RUN_LEASE_MS, 6 s; target:
 *    median under 10 s). A replacement server joins after each trial.
 *
 * The last line printed is one JSON object with the figures.
 */
// @ts-expect-error plain .mjs helpers shared with scripts/test.mjs
import { buildIfStale } from "../../scripts/build-if-stale.mjs";
import { api, startCluster, until, type TestCluster } from "../../server/cluster/harness/cluster-harness";
import { pipeline } from "../../server/cluster/harness/flow";

const MEASURE_MS = 10_000;
const TRIALS = 5;
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

/** One flow on Redis Streams: a producer at `ratePerSec` into 3 partitions, one group acking at once. */
const deploy = (cluster: TestCluster, ratePerSec: number) =>
  cluster.deploy("Bench", pipeline({ ratePerSec, backend: "redis", partitions: 3 }));

/** Deliveries/s a watcher counts over MEASURE_MS, once the run is warm. */
async function throughput(servers: number): Promise<number> {
  const cluster = await startCluster(servers, { leaseMs: 6000 });
  try {
    const { id } = await deploy(cluster, 20_000);
    const seen = await cluster.watcher(cluster.servers[0], id);
    await new Promise((r) => setTimeout(r, 2000));
    const from = seen.acked;
    await new Promise((r) => setTimeout(r, MEASURE_MS));
    const rate = ((seen.acked - from) * 1000) / MEASURE_MS;
    await api(cluster.servers[0].base, `/api/flows/${id}/stop`, {});
    return rate;
  } finally {
    await cluster.close();
  }
}

/** Milliseconds from kill -9 of the owner to the successor's first delivery at a watcher, per trial. */
async function failovers(): Promise<number[]> {
  const cluster = await startCluster(3, { leaseMs: 6000 });
  const times: number[] = [];
  try {
    for (let trial = 0; trial < TRIALS; trial++) {
      const { id, owner: dying } = await deploy(cluster, 200);
      const survivor = cluster.servers.find((s) => s !== dying && s.alive())!;
      const seen = await cluster.watcher(survivor, id);
      await until(() => seen.acked > 50, "the watcher sees deliveries", 15_000);
      dying.kill("SIGKILL");
      await dying.exited;
      const killedAt = performance.now();
      const first = await until(
        () => (seen.lastAckAt > killedAt ? seen.lastAckAt : 0),
        "a delivery from the successor",
        60_000,
      );
      times.push(first - killedAt);
      console.log(
        `  trial ${trial + 1}: ${fmt(first - killedAt)} ms from kill -9 of ${dying.name} to the successor's first delivery`,
      );
      await api(survivor.base, `/api/flows/${id}/stop`, {});
      await cluster.add(`r${trial + 1}`);
    }
    return times;
  } finally {
    await cluster.close();
  }
}

async function main() {
  buildIfStale();
  console.log(
    `cluster bench: Redis Streams, ${MEASURE_MS / 1000} s per measurement; 2 cores shared by every server, Redis and PostgreSQL`,
  );
  const rates: Record<string, number> = {};
  for (const servers of [1, 2, 3]) {
    rates[servers] = await throughput(servers);
    console.log(`  ${servers} server${servers === 1 ? " " : "s"}: ${fmt(rates[servers])} deliveries/s`);
  }
  console.log("failover (RUN_LEASE_MS 6000):");
  const times = (await failovers()).sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(
    `  min ${fmt(times[0])} ms   median ${fmt(median)} ms   max ${fmt(times.at(-1)!)} ms   (target: median < 10,000 ms)`,
  );
  console.log(
    JSON.stringify({
      bench: "cluster",
      deliveriesPerSec: rates,
      scaling2: rates[2] / rates[1],
      scaling3: rates[3] / rates[1],
      failoverMs: { min: times[0], median, max: times.at(-1), trials: times },
      failoverTargetMet: median < 10_000,
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
