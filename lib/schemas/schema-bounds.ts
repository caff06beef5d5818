import { RE2JS } from "re2js";
import { jsonTextDepth } from "../json/depth";
import { TOPIC_SCHEMA_LIMITS } from "./schema-limits";

export { TOPIC_SCHEMA_LIMITS };

const SCALARS = new Set(["string", "number", "integer", "boolean"]);

/**
 * Reads a schema's text and refuses what could not be checked within bounds, naming why: too
 * long or deep, not a JSON object, a pattern RE2 cannot run (lookaround, backreferences: RE2
 * matches in linear time, so they are not offered), `uniqueItems` over non-scalar items (which
 * compares every pair), a `$ref` outside the schema. The same checks hold in the browser and
 * on the server.
 */
export function readSchemaText(text: string): { ok: true; schema: object } | { ok: false; message: string } {
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
  const problem = unboundedPart(schema);
  return problem ? { ok: false, message: problem } : { ok: true, schema };
}

function unboundedPart(schema: object): string | null {
  const stack: [unknown, string][] = [[schema, ""]];
  while (stack.length > 0) {
    const [node, at] = stack.pop()!;
    if (node === null || typeof node !== "object") continue;
    const record = node as Record<string, unknown>;
    const patterns = [
      ...(typeof record.pattern === "string" ? [record.pattern] : []),
      ...(record.patternProperties && typeof record.patternProperties === "object"
        ? Object.keys(record.patternProperties)
        : []),
    ];
    for (const pattern of patterns) {
      try {
        RE2JS.compile(pattern);
      } catch (error) {
        return `has a pattern at ${at || "/"} that RE2 cannot run (${(error as Error).message}): lookaround and backreferences are not supported`;
      }
    }
    if (record.uniqueItems === true) {
      const items = record.items as { type?: unknown } | undefined;
      if (!SCALARS.has(String(items?.type)))
        return `uniqueItems at ${at || "/"} needs items of a scalar type (string, number, boolean)`;
    }
    if (typeof record.$ref === "string" && !record.$ref.startsWith("#"))
      return `refers outside the schema at ${at || "/"} (${record.$ref}): only references inside it (#/…) are taken`;
    for (const [key, child] of Object.entries(record)) stack.push([child, `${at}/${key}`]);
  }
  return null;
}
