import type { FlowGraph } from "./schema";

/**
 * The version of the stored graph format; bump it and add a step to migrations.ts. It lives
 * apart from the zod schemas so that pages that only make graphs (the home page's templates)
 * do not download the schema library.
 */
export const SCHEMA_VERSION = 2;

/** A graph with nothing in it, at the current schema version. */
export function emptyGraph(): FlowGraph {
  return { schemaVersion: SCHEMA_VERSION, nodes: [], edges: [] };
}
