import { env } from "../env";
import { databaseTarget } from "../db/database-url";
import { prismaFor } from "../db/client";
import { flowsRepo } from "../db/flows-repo";
import { runningFlowsRepo } from "../db/running-flows-repo";
import type { TransformEvaluator, WebhookPort } from "../runtime";
import type { Cluster } from "../cluster/start-cluster";
import { flowService } from "./flows";
import { runRegistry, type RunLimits } from "./runs";
import { spreadRuns } from "./spread-runs";
import { storageService } from "./storage";
import { composeServices, type Services } from "./use-cases";
import type { BrokerRegistry } from "../brokers/registry";
import { scenarioRunsRepo } from "../db/scenario-runs-repo";
import { scenarioService, type ScenarioService } from "./scenarios";
import { installCompiledSchemas } from "../schemas/compiled-schemas";

/**
 * The composition root: the one place that builds the use cases (./use-cases.ts) from the
 * environment, the database and the run registry. Built once per process and shared by route
 * handlers and the custom server (which Next bundles separately, hence globalThis).
 * server/main.ts builds them first, after applying the migrations, and hands in what only the
 * server process may start (the transform pool's child processes, the cluster's run
 * ownership), so route bundles never import them.
 */
const holder = globalThis as typeof globalThis & { __eventloomServices?: Services };

export function services(
  processParts: {
    transforms?: TransformEvaluator;
    brokers?: BrokerRegistry;
    cluster?: Cluster;
    webhooks?: WebhookPort;
  } = {},
): Services {
  if (!holder.__eventloomServices) {
    installCompiledSchemas();
    const config = env();
    const db = prismaFor(config.DATABASE_URL);
    const storage = storageService(
      db,
      databaseTarget(config.DATABASE_URL),
      config.MAX_DATABASE_MB * 1024 * 1024,
    );
    const repo = flowsRepo(db, { maxRevisions: config.MAX_REVISIONS_PER_FLOW });
    const flows = flowService(repo, undefined, { refuseNewFlow: storage.refuseNewFlow });
    const limits: RunLimits = {
      maxRunningFlows: config.MAX_RUNNING_FLOWS,
      maxFlowEventsPerSec: config.MAX_FLOW_EVENTS_PER_SEC,
      maxServerEventsPerSec: config.MAX_SERVER_EVENTS_PER_SEC,
      maxPayloadBytes: config.MAX_PAYLOAD_BYTES,
      historySize: config.RUN_HISTORY_SIZE,
      maxRunMemoryBytes: config.MAX_RUN_MEMORY_MB * 1024 * 1024,
      maxServerMemoryBytes: config.MAX_SERVER_MEMORY_MB * 1024 * 1024,
      transformTimeoutMs: config.TRANSFORM_TIMEOUT_MS,
      transforms: processParts.transforms,
      webhooks: processParts.webhooks,
      brokers: processParts.brokers,
    };
    const { cluster } = processParts;
    // In a cluster, consumer groups of flows on Redis Streams spread over the servers.
    const spread = cluster
      ? spreadRuns({ server: cluster.server, board: cluster.spread, flows, limits })
      : undefined;
    const runs = runRegistry(flows, limits, {
      store: runningFlowsRepo(db),
      ownership: cluster?.ownership,
      spread,
    });
    holder.__eventloomServices = composeServices(flows, runs, cluster && { ...cluster, spread }, storage);
  }
  return holder.__eventloomServices;
}

const scenarioHolder = globalThis as typeof globalThis & { __eventloomScenarios?: ScenarioService };

/** The scenario use cases of this process (over the same flows as services()). */
export function scenarioServices(): ScenarioService {
  if (!scenarioHolder.__eventloomScenarios) {
    const config = env();
    scenarioHolder.__eventloomScenarios = scenarioService(
      services().flows,
      scenarioRunsRepo(prismaFor(config.DATABASE_URL)),
      { maxConcurrent: config.MAX_SCENARIO_RUNS, maxEvents: config.SCENARIO_MAX_EVENTS },
    );
  }
  return scenarioHolder.__eventloomScenarios;
}
