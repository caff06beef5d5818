import { afterAll, beforeAll, describe } from "vitest";
import type { FlowNode, TopicBackend } from "@/lib/flow";
import type { FlowRun } from "../../runtime";
import { topic } from "../../runtime/testing/flows";
import { embeddedHarness, natsHarness, redisHarness, startRun, type BackendHarness } from "./backends";

/**
 * The broker contract's parametrization: every group of delivery rules runs against the
 * embedded broker, Redis Streams and NATS JetStream, each in its own namespace (key prefix,
 * stream names) that is removed afterwards.
 */
const harnesses: [TopicBackend, () => Promise<BackendHarness>][] = [
  ["embedded", embeddedHarness],
  ["redis", () => redisHarness()],
  ["nats", () => natsHarness()],
];

export interface ContractContext {
  backend: TopicBackend;
  /** A topic node on the backend under test. */
  t(id: string, config?: Parameters<typeof topic>[1]): FlowNode;
  /** Starts a run of `g` in a flow namespace of its own; stopped after the suite. */
  start(g: unknown, options?: Parameters<typeof startRun>[2]): FlowRun;
}

/** Declares `rules` (a group of the contract's tests) once per backend. */
export function brokerContract(rules: string, declare: (context: ContractContext) => void): void {
  describe.each(harnesses)(`broker contract, ${rules}: %s`, (backend, makeHarness) => {
    let harness: BackendHarness;
    const runs: FlowRun[] = [];
    let flowNo = 0;
    beforeAll(async () => {
      harness = await makeHarness();
    });
    afterAll(async () => {
      await Promise.all(runs.map((r) => r.stop({ graceMs: 0 })));
      await harness.cleanup();
    });
    declare({
      backend,
      t: (id, config = {}) => topic(id, { backend, ...config }),
      start(g, options = {}) {
        const started = startRun(harness, g, { flowKey: `f${++flowNo}`, ...options });
        runs.push(started.run);
        return started.run;
      },
    });
  });
}

/** A node's non-zero outcome counts. */
export const counts = (run: FlowRun, nodeId: string) =>
  Object.fromEntries(Object.entries(run.metrics().nodes[nodeId].counts).filter(([, n]) => n > 0));

export const acked = (run: FlowRun, nodeId: string) => run.metrics().nodes[nodeId].counts.acked;
