import { compileTemplate, seededFaker } from "@/lib/events";
import { PLACEHOLDER, stringMask, unescapeJson } from "@/lib/events/json-text";
import { sameJson } from "@/lib/flow";
import { placeholderSchema } from "./placeholder-schemas";
import type { JsonSchema } from "./types";

// A NUL byte starts a sentinel because no text a person types into a template contains one.
// eslint-disable-next-line no-control-regex
const SENTINEL = /^\u0000eventloom:(\d+)$/;
const HAS_PLACEHOLDER = new RegExp(PLACEHOLDER.source);
/** A fixed clock and seed, so the exported example is the same on every export. */
export const SAMPLE_TIME_MS = Date.UTC(2026, 0, 1, 12, 0, 0);

/**
 * Replaces each placeholder that stands for a whole JSON value with a sentinel string, so
 * that parsing the text shows where each placeholder sits. Placeholders inside longer strings
 * stay: that value is a string whatever they render to.
 */
function withSentinels(text: string): { json: string; found: { name: string; args: string[] }[] } {
  const inside = stringMask(text);
  const found: { name: string; args: string[] }[] = [];
  let json = "";
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const start = match.index;
    const end = start + match[0].length;
    const quoted = text[start - 1] === '"' && text[end] === '"' && !inside[start - 1] && inside[start];
    if (inside[start] && !quoted) continue;
    const rawArgs = match[2] ? match[2].slice(1).split(":") : [];
    const args = inside[start] ? rawArgs.map(unescapeJson) : rawArgs;
    json += text.slice(last, quoted ? start - 1 : start) + JSON.stringify(`\u0000eventloom:${found.length}`);
    found.push({ name: match[1], args });
    last = quoted ? end + 1 : end;
  }
  return { json: json + text.slice(last), found };
}

function schemaOf(value: unknown, found: { name: string; args: string[] }[]): JsonSchema {
  if (value === null) return { type: "null" };
  if (typeof value === "string") {
    const hit = SENTINEL.exec(value);
    if (hit) return placeholderSchema(found[Number(hit[1])].name, found[Number(hit[1])].args);
    // A string with a placeholder inside varies per event; any other string is fixed.
    return HAS_PLACEHOLDER.test(value) ? { type: "string" } : { type: "string", const: value };
  }
  if (typeof value === "number")
    return { type: Number.isInteger(value) ? "integer" : "number", const: value };
  if (typeof value === "boolean") return { type: "boolean", const: value };
  if (Array.isArray(value)) {
    const items: JsonSchema[] = [];
    for (const item of value.map((v) => schemaOf(v, found)))
      if (!items.some((s) => sameJson(s, item))) items.push(item);
    if (items.length === 0) return { type: "array" };
    return { type: "array", items: items.length === 1 ? items[0] : { anyOf: items } };
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 0) return { type: "object" };
  const properties = Object.fromEntries(keys.map((k) => [k, schemaOf(record[k], found)]));
  // A template writes every field on every event, so every field is required.
  return { type: "object", properties, required: keys };
}

export type TemplateSchema =
  { ok: true; schema: JsonSchema; example: unknown } | { ok: false; message: string };

/**
 * Infers the JSON Schema of the payloads a template renders: the JSON structure gives the
 * shape and the required fields, each placeholder its type and format (timestamp → string
 * date-time, quantity → integer 1–5 …). Also renders one example with seeded fake data.
 */
export function templateToSchema(template: string, seed = 1): TemplateSchema {
  const compiled = compileTemplate(template);
  if (!compiled.ok) return { ok: false, message: compiled.message };
  const { json, found } = withSentinels(template);
  let shape: unknown;
  let example: unknown;
  try {
    shape = JSON.parse(json);
    example = compiled.render({ faker: seededFaker(seed), nowMs: SAMPLE_TIME_MS, seq: 1 });
  } catch (error) {
    return { ok: false, message: `the template does not render JSON: ${(error as Error).message}` };
  }
  return { ok: true, schema: schemaOf(shape, found), example };
}
