import * as Y from "yjs";
import { sameJson } from "../flow/diff";
import type { FlowGraph } from "../flow/schema";
import { edgesOf, flowMetaOf, nodesOf } from "./flow-doc";

type Json = unknown;
type JsonObject = Record<string, Json>;
type Entry = Y.Map<unknown>;

const isPlainObject = (value: Json): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A node's config becomes a Y.Map with its plain objects as Y.Maps; anything else is one value. */
function toShared(value: Json, nested: boolean): unknown {
  if (!nested || !isPlainObject(value)) return value;
  const map = new Y.Map<unknown>();
  for (const [key, inner] of Object.entries(value))
    if (inner !== undefined) map.set(key, toShared(inner, true));
  return map;
}

/**
 * Writes to `target` only the fields that differ between `before` and `after`: what someone
 * else changed meanwhile in other fields stays as they left it.
 */
function writeFields(target: Entry, before: JsonObject, after: JsonObject, nestAt: Nesting) {
  for (const [key, value] of Object.entries(after)) {
    if (key === "id" || value === undefined || sameJson(before[key], value)) continue;
    const current = target.get(key);
    const nested = nestAt === "every key" || nestAt.has(key);
    if (nested && current instanceof Y.Map && isPlainObject(value)) {
      const prior = isPlainObject(before[key]) ? (before[key] as JsonObject) : {};
      writeFields(current, prior, value, "every key");
    } else target.set(key, toShared(value, nested));
  }
  for (const key of Object.keys(before))
    if (key !== "id" && before[key] !== undefined && after[key] === undefined) target.delete(key);
}

/** Which fields hold a Y.Map: on a node its config, inside a config every plain object. */
type Nesting = ReadonlySet<string> | "every key";
const NODE_NESTED: Nesting = new Set(["config"]);
const EDGE_NESTED: Nesting = new Set<string>();

function writeEntries(
  map: Y.Map<Entry>,
  before: readonly { id: string }[],
  after: readonly { id: string }[],
  nestAt: Nesting,
) {
  const prior = new Map(before.map((item) => [item.id, item] as const));
  const kept = new Set(after.map((item) => item.id));
  let rank = 0;
  for (const entry of map.values()) rank = Math.max(rank, (entry.get("rank") as number | undefined) ?? 0);
  for (const item of after) {
    const was = prior.get(item.id);
    if (was === item) continue;
    const entry = map.get(item.id);
    if (entry) writeFields(entry, (was ?? {}) as JsonObject, item as unknown as JsonObject, nestAt);
    // Gone from the document but known before: someone deleted it meanwhile, and that stands.
    else if (!was) {
      const created = new Y.Map<unknown>();
      map.set(item.id, created);
      created.set("rank", ++rank);
      writeFields(created, {}, item as unknown as JsonObject, nestAt);
    }
  }
  for (const item of before) if (!kept.has(item.id)) map.delete(item.id);
  keepOrder(map, after);
}

/**
 * Ranks the entries in the order `after` lists them, when they are not already: an import or a
 * restore puts nodes back where the file has them. Adding and deleting never reorder.
 */
function keepOrder(map: Y.Map<Entry>, after: readonly { id: string }[]) {
  const rankOf = (id: string) => (map.get(id)?.get("rank") as number | undefined) ?? 0;
  const present = after.filter((item) => map.has(item.id));
  const inOrder = present.every((item, i) => {
    if (i === 0) return true;
    const [a, b] = [rankOf(present[i - 1].id), rankOf(item.id)];
    return a < b || (a === b && present[i - 1].id < item.id);
  });
  if (inOrder) return;
  present.forEach((item, i) => {
    if (rankOf(item.id) !== i + 1) map.get(item.id)!.set("rank", i + 1);
  });
}

/**
 * Applies the change from `before` to `after` to the shared document in one transaction:
 * added, removed and changed nodes and edges, field by field. `before` is what the writer
 * last saw (its own graph, or a REST client's base version), so this is a three-way merge:
 * fields it did not change keep whatever the document holds now.
 */
export function writeGraphChanges(doc: Y.Doc, before: FlowGraph, after: FlowGraph, origin?: unknown): void {
  if (before === after) return;
  doc.transact(() => {
    if (before.nodes !== after.nodes) writeEntries(nodesOf(doc), before.nodes, after.nodes, NODE_NESTED);
    if (before.edges !== after.edges) writeEntries(edgesOf(doc), before.edges, after.edges, EDGE_NESTED);
    if (!sameJson(before.scenarios, after.scenarios)) {
      if (after.scenarios === undefined) flowMetaOf(doc).delete("scenarios");
      else flowMetaOf(doc).set("scenarios", after.scenarios);
    }
  }, origin);
}

/** Renames the flow in the shared document. */
export function writeFlowName(doc: Y.Doc, name: string, origin?: unknown): void {
  if (flowMetaOf(doc).get("name") === name) return;
  doc.transact(() => flowMetaOf(doc).set("name", name), origin);
}

/** Fills an empty document with a saved flow (the server does this once per open document). */
export function seedFlowDoc(doc: Y.Doc, graph: FlowGraph, name: string): void {
  doc.transact(() => {
    writeGraphChanges(doc, { schemaVersion: graph.schemaVersion, nodes: [], edges: [] }, graph);
    flowMetaOf(doc).set("name", name);
  });
}
