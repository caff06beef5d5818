import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import { RE2JS } from "re2js";
import { jsonTextDepth } from "../json/depth";

/** Bounds on a topic's JSON Schema: its text, its nesting, and what its checks may cost. */
export const TOPIC_SCHEMA_LIMITS = {
  maxChars: 64 * 1024,
  maxDepth: 32,
  /** Violations listed in one answer; the count says how many there were. */
  maxListed: 20,
} as const;

export interface SchemaViolation {
  /** Where in the data, as a JSON Pointer ("" for the data itself). */
  path: string;
  message: string;
}

export type CompiledSchema =
  { ok: true; check: (data: unknown) => SchemaViolation[] } | { ok: false; message: string };

/**
 * Patterns run on RE2 (re2js), whose matching time is linear in the text: a hostile pattern
 * such as `(a+)+$` cannot stall the server. RE2 has no lookaround or backreferences; a pattern
 * using them is refused when the schema is compiled.
 */
function re2(pattern: string) {
  const compiled = RE2JS.compile(pattern);
  return { test: (text: string) => compiled.test(text) };
}

const ajv = new Ajv({
  allErrors: true,
  strict: false,
  validateFormats: false,
  logger: false,
  code: { regExp: re2 as never },
});

/** uniqueItems over objects compares every pair (quadratic); only scalar items may ask for it. */
function quadraticUniqueItems(schema: unknown): string | null {
  const stack: [unknown, string][] = [[schema, ""]];
  while (stack.length > 0) {
    const [node, at] = stack.pop()!;
    if (node === null || typeof node !== "object") continue;
    const record = node as Record<string, unknown>;
    if (record.uniqueItems === true) {
      const items = record.items as { type?: unknown } | undefined;
      const scalar = ["string", "number", "integer", "boolean"].includes(String(items?.type));
      if (!scalar) return at || "/";
    }
    for (const [key, child] of Object.entries(record)) stack.push([child, `${at}/${key}`]);
  }
  return null;
}

const cache = new Map<string, CompiledSchema>();
const MAX_CACHED = 64;

/**
 * Compiles a topic's JSON Schema (draft 2019-09 and earlier keywords; formats are not checked)
 * within bounds: at most 64 KB and 32 levels, patterns on a linear-time engine, no remote
 * references, `uniqueItems` only over scalar items. Compiled schemas are kept by text.
 */
export function compileTopicSchema(text: string): CompiledSchema {
  const known = cache.get(text);
  if (known) return known;
  const compiled = compile(text);
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(text, compiled);
  return compiled;
}

function compile(text: string): CompiledSchema {
  if (text.length > TOPIC_SCHEMA_LIMITS.maxChars)
    return { ok: false, message: `is over ${TOPIC_SCHEMA_LIMITS.maxChars} characters` };
  if (jsonTextDepth(text, TOPIC_SCHEMA_LIMITS.maxDepth) > TOPIC_SCHEMA_LIMITS.maxDepth)
    return { ok: false, message: `nests deeper than ${TOPIC_SCHEMA_LIMITS.maxDepth} levels` };
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `is not valid JSON: ${(error as Error).message}` };
  }
  if (typeof schema !== "object" || schema === null || Array.isArray(schema))
    return { ok: false, message: "must be a JSON Schema object" };
  const unique = quadraticUniqueItems(schema);
  if (unique)
    return {
      ok: false,
      message: `uniqueItems at ${unique} needs items of a scalar type (string, number, boolean)`,
    };
  let validate: ValidateFunction;
  try {
    // Each schema compiles on its own: its $id must not collide with another topic's.
    const { $id: _ignored, ...rest } = schema as Record<string, unknown>;
    void _ignored;
    validate = ajv.compile(rest);
    // The function stands alone once compiled; Ajv's own cache would otherwise keep every schema.
    ajv.removeSchema(rest);
  } catch (error) {
    return { ok: false, message: `is not a usable JSON Schema: ${(error as Error).message}` };
  }
  return { ok: true, check: (data) => (validate(data) ? [] : violations(validate.errors ?? [])) };
}

function violations(errors: ErrorObject[]): SchemaViolation[] {
  return errors.map((e) => ({
    path: e.instancePath,
    message:
      e.keyword === "additionalProperties"
        ? `has an unexpected property '${String((e.params as { additionalProperty?: string }).additionalProperty)}'`
        : (e.message ?? e.keyword),
  }));
}

/** "at /total: must be >= 0; at /lines/0/sku: must be string" (the first few). */
export function describeViolations(found: SchemaViolation[]): string {
  const listed = found.slice(0, 3).map((v) => `${v.path || "(data)"} ${v.message}`);
  return listed.join("; ") + (found.length > 3 ? `; and ${found.length - 3} more` : "");
}
