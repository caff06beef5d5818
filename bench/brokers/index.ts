/**
 * Broker benchmark (never part of the tests): bench:runtime's flow shape (producer → topic with
 * 3 partitions → 3 consumer groups, `process`, no processing time) on each backend, beside a
 * raw-client loop doing the same work against the same service, and the ratio (target ≥ 0.5).
 * Needs Redis on 127.0.0.1:6379 and NATS with JetStream on 127.0.0.1:4222. `--quick` runs a
 * fifth of the events. The last line printed is one JSON object with the figures.
 */
import { embeddedHarness, natsHarness, redisHarness } from "../../server/brokers/testing/backends";
import { flowDeliveriesPerSec } from "./flow-loop";
import { rawNatsDeliveriesPerSec } from "./raw-nats";
import { rawRedisDeliveriesPerSec } from "./raw-redis";

const QUICK = process.argv.includes("--quick");
const EVENTS = QUICK ? 4_000 : 20_000;
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

async function main(): Promise<void> {
  console.log(
    `broker bench: ${fmt(EVENTS)} events × 3 groups = ${fmt(EVENTS * 3)} deliveries per measurement, 3 partitions, records on`,
  );
  const embedded = await embeddedHarness();
  const embeddedRate = await flowDeliveriesPerSec(embedded, EVENTS);
  console.log(`  embedded         flow ${fmt(embeddedRate)}/s (no raw loop: nothing outside the process)`);

  const redis = await redisHarness({ visibilityTimeoutMs: 30_000 });
  const redisRaw = await rawRedisDeliveriesPerSec(EVENTS);
  const redisFlow = await flowDeliveriesPerSec(redis, EVENTS);
  await redis.cleanup();
  console.log(
    `  Redis Streams    flow ${fmt(redisFlow)}/s   raw XADD+XREADGROUP+XACK ${fmt(redisRaw)}/s   ratio ${(redisFlow / redisRaw).toFixed(2)}`,
  );

  const nats = await natsHarness({ ackWaitMs: 30_000 });
  const natsRaw = await rawNatsDeliveriesPerSec(EVENTS);
  const natsFlow = await flowDeliveriesPerSec(nats, EVENTS);
  await nats.cleanup();
  console.log(
    `  NATS JetStream   flow ${fmt(natsFlow)}/s   raw publish+fetch+ack ${fmt(natsRaw)}/s   ratio ${(natsFlow / natsRaw).toFixed(2)}`,
  );
  console.log(
    JSON.stringify({
      events: EVENTS,
      deliveries: EVENTS * 3,
      embeddedPerSec: Math.round(embeddedRate),
      redisPerSec: Math.round(redisFlow),
      redisRawPerSec: Math.round(redisRaw),
      redisRatio: Number((redisFlow / redisRaw).toFixed(2)),
      natsPerSec: Math.round(natsFlow),
      natsRawPerSec: Math.round(natsRaw),
      natsRatio: Number((natsFlow / natsRaw).toFixed(2)),
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
