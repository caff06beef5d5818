// The crash tests' server: the real Eventloom server (production build) in a child process on a
// given database, driven over HTTP as a person's tools would (deploy, run status, recorded
// deliveries and traces). Restarted on the same database, it must resume what it ran.
import type { ChildProcess } from "node:child_process";
import type { JetStreamManager } from "@nats-io/jetstream";
import { expect } from "vitest";
import type { TopicBackend } from "@/lib/flow";
import { consumer, edge, graph, producer, topic } from "../../runtime/testing/flows";
import { freePort, spawnServer, waitUntilServing } from "../../abuse/harness";

export interface Server {
  base: string;
  child: ChildProcess;
  kill9(): Promise<void>;
}

/** The real server (production build) on `database`, with a stable consumer name and a short ack wait. */
export async function startCrashServer(database: string): Promise<Server> {
  const port = await freePort();
  const child = spawnServer(port, database, {
    REDIS_URL: "redis://127.0.0.1:6379",
    NATS_URL: "nats://127.0.0.1:4222",
    BROKER_CONSUMER_NAME: "crash-test-server",
    BROKER_VISIBILITY_TIMEOUT_MS: "2000",
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.resume();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  await waitUntilServing(
    base,
    () => child.exitCode !== null,
    () => stderr,
  );
  return {
    base,
    child,
    async kill9() {
      child.kill("SIGKILL");
      await exited;
    },
  };
}

export async function until<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`still not there after ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The crash flow: a two-partition topic read by a group of two workers taking `processingMs` per event. */
const crashFlow = (backend: TopicBackend, processingMs: number) =>
  graph(
    [
      producer("p"),
      topic("orders", { backend, partitions: 2, retention: { maxEventsPerPartition: 100_000, maxAgeMs: 0 } }),
      consumer("c", { concurrency: 2, processingMs: { min: processingMs, max: processingMs } }),
    ],
    [edge("publishes", "p", "orders"), edge("subscribes", "orders", "c")],
  );

/** Creates and deploys the flow; answers its id. */
export async function deployFlow(server: Server, backend: TopicBackend, processingMs = 15): Promise<string> {
  const created = await fetch(`${server.base}/api/flows`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: `Crash on ${backend}`, graph: crashFlow(backend, processingMs) }),
  });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const deployed = await fetch(`${server.base}/api/flows/${id}/deploy`, { method: "POST" });
  expect(deployed.status).toBe(200);
  return id;
}

/** The consumer's counts in the running flow (since this server started it). */
export async function consumerCounts(server: Server, flowId: string): Promise<Record<string, number>> {
  const view = (await (await fetch(`${server.base}/api/flows/${flowId}/run`)).json()) as {
    metrics: { nodes: Record<string, { counts: Record<string, number> }> } | null;
  };
  return Object.fromEntries(Object.entries(view.metrics?.nodes.c?.counts ?? {}).filter(([, n]) => n > 0));
}

/** Ids of the events the consumer took delivery of on this server (each once), from the events export. */
export async function deliveredIds(server: Server, flowId: string): Promise<string[]> {
  const answer = await fetch(
    `${server.base}/api/flows/${flowId}/events?nodeId=c&outcome=delivered&limit=100000`,
  );
  return (await answer.text())
    .split("\n")
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { id: string }).id);
}

/** What the resumed server did with each event: its delivery records (attempts, origin). */
export async function deliveriesAfterRestart(server: Server, flowId: string) {
  const ids = await deliveredIds(server, flowId);
  const byId = new Map<string, { attempts: number[]; external: boolean[] }>();
  for (const id of ids) {
    const trace = (await (await fetch(`${server.base}/api/flows/${flowId}/events/${id}/trace`)).json()) as {
      records: { eventId: string; outcome: string; attempt?: number; external?: true; nodeId: string }[];
    };
    const delivered = trace.records.filter((r) => r.eventId === id && r.outcome === "delivered");
    byId.set(id, {
      attempts: delivered.map((r) => r.attempt!),
      external: delivered.map((r) => r.external === true),
    });
  }
  return byId;
}

export async function runStatus(server: Server, flowId: string) {
  return (await (await fetch(`${server.base}/api/flows/${flowId}/run`)).json()) as {
    status: { state: string; version: number; resumed?: string };
  };
}

/**
 * The run's status once the restarted `server` runs it again: it resumes by itself shortly
 * after it answers (it asks the brokers first), so the first answers may still say "stopped".
 */
export async function untilResumed(server: Server, flowId: string) {
  return until(
    async () => (await runStatus(server, flowId)).status,
    (status) => status.state === "running",
  );
}

/**
 * The figures of consumer group `c` on a NATS stream, summed over its consumers (one per
 * partition): events the stream holds, delivered and not acknowledged, not delivered yet, and so
 * acknowledged. Undefined while a partition's consumer does not exist yet.
 */
export async function natsGroupFigures(jsm: JetStreamManager, stream: string, partitions = 2) {
  const infos = await Promise.all(
    Array.from({ length: partitions }, (_, p) =>
      jsm.consumers.info(stream, `g_c_p${p}`).catch(() => undefined),
    ),
  );
  if (infos.some((info) => info === undefined)) return undefined;
  const stored = (await jsm.streams.info(stream)).state.messages;
  const unacked = infos.reduce((sum, info) => sum + info!.num_ack_pending, 0);
  const undelivered = infos.reduce((sum, info) => sum + info!.num_pending, 0);
  return { stored, unacked, undelivered, acked: stored - unacked - undelivered };
}
