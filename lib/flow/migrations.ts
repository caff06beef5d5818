import { SCHEMA_VERSION } from "./schema";

type RawGraph = Record<string, unknown>;

/**
 * Steps that lift a stored graph one schema version up; index i lifts version i to i + 1.
 * Version 0 is a graph saved before `schemaVersion` existed: the same shape, unlabelled.
 * Version 2 added the optional `scenarios`: a version-1 graph has none, so only the number
 * moves; an older Eventloom then refuses a version-2 graph instead of dropping its scenarios.
 */
const STEPS: ReadonlyArray<(graph: RawGraph) => RawGraph> = [
  (graph) => ({ ...graph, schemaVersion: 1 }),
  (graph) => ({ ...graph, schemaVersion: 2 }),
];

export type MigrationResult = { ok: true; graph: unknown; from: number } | { ok: false; message: string };

/**
 * Brings a stored graph (of any known version) to SCHEMA_VERSION, without validating it:
 * validateGraph runs on the result. A graph from a newer Eventloom is refused, not guessed.
 */
export function migrateGraph(input: unknown): MigrationResult {
  if (input === null || typeof input !== "object" || Array.isArray(input))
    return { ok: false, message: "a flow graph must be a JSON object" };
  const raw = input as RawGraph;
  const from = raw.schemaVersion === undefined ? 0 : raw.schemaVersion;
  if (typeof from !== "number" || !Number.isInteger(from) || from < 0)
    return { ok: false, message: "schemaVersion must be a whole number" };
  if (from > SCHEMA_VERSION)
    return {
      ok: false,
      message: `schemaVersion ${from} is newer than this Eventloom understands (${SCHEMA_VERSION})`,
    };
  let graph = raw;
  for (let v = from; v < SCHEMA_VERSION; v++) graph = STEPS[v](graph);
  return { ok: true, graph, from };
}
