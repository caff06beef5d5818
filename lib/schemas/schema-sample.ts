/** How deep a sample is built: schemas may be recursive. */
const MAX_DEPTH = 8;

/**
 * A value that a JSON Schema describes, to start a hand-made event from: the schema's own
 * example, default or constant where it gives one, else the first of an enum, else the smallest
 * value of its type (every property of an object, one item of an array).
 */
export function schemaSample(schema: unknown, depth = 0): unknown {
  if (schema === null || typeof schema !== "object" || depth > MAX_DEPTH) return null;
  const s = schema as Record<string, unknown>;
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  if ("default" in s) return s.default;
  if ("const" in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  for (const key of ["oneOf", "anyOf", "allOf"] as const)
    if (Array.isArray(s[key]) && s[key].length > 0) return schemaSample(s[key][0], depth + 1);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type ?? (s.properties ? "object" : undefined)) {
    case "object": {
      const properties = (s.properties ?? {}) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, schemaSample(v, depth + 1)]));
    }
    case "array":
      return s.items ? [schemaSample(s.items, depth + 1)] : [];
    case "string":
      return typeof s.minLength === "number" && s.minLength > 0 ? "x".repeat(Math.min(s.minLength, 64)) : "";
    case "number":
    case "integer":
      return typeof s.minimum === "number" ? s.minimum : 0;
    case "boolean":
      return false;
    default:
      return null;
  }
}
