import { Validator, type OutputUnit } from "@cfworker/json-schema";
import type { ErrorObject } from "ajv";
import { RE2JS } from "re2js";
import { readSchemaText, TOPIC_SCHEMA_LIMITS } from "./schema-bounds";

export { TOPIC_SCHEMA_LIMITS };

export interface SchemaViolation {
  /** Where in the data, as a JSON Pointer ("" for the data itself). */
  path: string;
  message: string;
}

export type CompiledSchema =
  { ok: true; check: (data: unknown) => SchemaViolation[] } | { ok: false; message: string };

type Engine = (schema: object) => (data: unknown) => SchemaViolation[];

/**
 * On the server: Ajv (compiled code; patterns on RE2, linear in the text). In the browser, whose
 * content security policy allows no generated code: @cfworker/json-schema, an interpreter, for
 * the designer's own checks. The server's answer is the one that counts.
 */
// On globalThis: Next bundles route handlers apart from the custom server, in one process.
const holder = globalThis as typeof globalThis & { __eventloomSchemaEngine?: Engine };

/** Called by the server: Ajv compiles schemas to code, which the browser's CSP does not allow. */
export function useCompiledSchemas(create: () => Engine): void {
  if (holder.__eventloomSchemaEngine) return;
  holder.__eventloomSchemaEngine = create();
  cache.clear();
}

function interpreted(schema: object) {
  const validator = new Validator(schema as never, "2019-09", false);
  return (data: unknown) => {
    const result = validator.validate(data);
    return result.valid ? [] : result.errors.filter(isLeaf).map(fromCfworker);
  };
}

const CONTAINERS = new Set([
  "properties",
  "items",
  "prefixItems",
  "additionalProperties",
  "patternProperties",
  "allOf",
  "$ref",
]);
const isLeaf = (unit: OutputUnit) => !CONTAINERS.has(unit.keyword);
const fromCfworker = (unit: OutputUnit): SchemaViolation => ({
  path: unit.instanceLocation.replace(/^#/, ""),
  message: unit.keyword === "false" ? "is not allowed here" : unit.error,
});

/** Ajv's messages as violations (server side). */
export function fromAjv(errors: ErrorObject[]): SchemaViolation[] {
  return errors.map((e) => ({
    path: e.instancePath,
    message:
      e.keyword === "additionalProperties"
        ? `has an unexpected property '${String((e.params as { additionalProperty?: string }).additionalProperty)}'`
        : (e.message ?? e.keyword),
  }));
}

/** Patterns for Ajv's `code.regExp`: RE2, whose matching time is linear in the text. */
export function re2(pattern: string) {
  const compiled = RE2JS.compile(pattern);
  return { test: (text: string) => compiled.test(text) };
}

const cache = new Map<string, CompiledSchema>();
const MAX_CACHED = 64;

/**
 * Compiles a topic's JSON Schema (draft 2019-09 keywords; formats are not checked) within the
 * bounds of readSchemaText. Compiled schemas are kept by text.
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
  const read = readSchemaText(text);
  if (!read.ok) return read;
  try {
    return { ok: true, check: (holder.__eventloomSchemaEngine ?? interpreted)(read.schema) };
  } catch (error) {
    return { ok: false, message: `is not a usable JSON Schema: ${(error as Error).message}` };
  }
}

/** "/total must be >= 0; /lines/0 must have required property 'sku'" (the first few). */
export function describeViolations(found: SchemaViolation[]): string {
  const listed = found.slice(0, 3).map((v) => `${v.path || "(data)"} ${v.message}`);
  return listed.join("; ") + (found.length > 3 ? `; and ${found.length - 3} more` : "");
}
