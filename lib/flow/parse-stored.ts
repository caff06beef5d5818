import { migrateGraph } from "./migrations";
import { validateGraph, type ValidationResult } from "./validate";

/**
 * The one way to read a graph from outside (storage, a request, an import): migrate it to
 * the current schema version, then validate it. Never trust stored JSON.
 */
export function readGraph(input: unknown): ValidationResult {
  const migrated = migrateGraph(input);
  if (!migrated.ok)
    return { issues: [{ path: "schemaVersion", message: migrated.message, severity: "error" }] };
  return validateGraph(migrated.graph);
}
