/**
 * A server's run in a child process, for the crash tests: runs a flow whose topic is on Redis
 * or NATS with a stable consumer name, fires `events` events in small steps (mode `produce`) or
 * none (mode `consume`, after a restart), and prints one JSON line per published and per acked
 * event, so the parent can kill it with SIGKILL mid-flight and count what happened.
 */
import type { TopicBackend } from "@/lib/flow";
import { createFlowRun, RealTime, type RecordRange } from "../../runtime";
import { consumer, edge, graph, producer, topic } from "../../runtime/testing/flows";
import { NatsConnection } from "../nats/connection";
import { RedisConnection } from "../redis/connection";

const [backend, namespace, mode, eventsText] = process.argv.slice(2) as [
  TopicBackend,
  string,
  string,
  string,
];
const events = Number(eventsText);

async function main(): Promise<void> {
  const brokers =
    backend === "redis"
      ? await (async () => {
          const c = new RedisConnection({
            url: "redis://127.0.0.1:6379",
            keyPrefix: `${namespace}:`,
            consumerName: "crash-server",
            visibilityTimeoutMs: 1000,
          });
          await c.connect();
          return { redis: c.forFlow("crash", `run-${process.pid}`) };
        })()
      : await (async () => {
          const c = new NatsConnection({
            url: "nats://127.0.0.1:4222",
            subjectPrefix: namespace,
            streamPrefix: namespace.toUpperCase(),
            ackWaitMs: 1000,
          });
          await c.connect();
          return { nats: c.forFlow("crash", `run-${process.pid}`) };
        })();
  const time = new RealTime();
  const print = (range: RecordRange) => {
    for (let seq = range.fromSeq; seq < range.toSeq; seq++) {
      const r = range.get(seq);
      if (r?.outcome === "published" && r.nodeId === "p")
        console.log(JSON.stringify({ published: r.eventId }));
      if (r?.outcome === "acked") console.log(JSON.stringify({ acked: r.eventId, attempt: r.attempt }));
    }
  };
  const created = createFlowRun({
    flowId: `crash-${process.pid}`,
    graph: graph(
      [
        producer("p", { payloadTemplate: '{"n":{{seq}}}' }),
        topic("t", { backend, partitions: 2 }),
        consumer("c", { concurrency: 2, processingMs: { min: 2, max: 6 } }),
      ],
      [edge("publishes", "p", "t"), edge("subscribes", "t", "c")],
    ),
    version: 1,
    seed: process.pid,
    ports: { clock: time, scheduler: time, brokers, sink: { onRecords: print } },
  });
  if (!created.ok) throw new Error(created.error.message);
  const run = created.value;
  run.start();
  console.log(JSON.stringify({ ready: true }));
  if (mode !== "produce") return;
  for (let fired = 0; fired < events; fired += 10) {
    run.fire("p", Math.min(10, events - fired));
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
