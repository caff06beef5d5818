import { FAKE_VALUES, compileTemplate } from "@/lib/events";
import { FLOW_LIMITS } from "@/lib/flow";
import { placeholderSchema } from "./placeholder-schemas";
import { isObject, type Json } from "./refs";

const MAX_DEPTH = 8;
/** Placeholders whose name is also a common field name, by lowercased name. */
const BY_FIELD = new Map(
  Object.keys(FAKE_VALUES)
    .filter((n) => !["int", "float", "pick", "bool", "word", "sentence", "seq"].includes(n))
    .map((n) => [n.toLowerCase(), n]),
);
const PICKABLE = /^[^|:}{]*$/;

const typeOf = (schema: Json): string | undefined => {
  const type = Array.isArray(schema.type)
    ? (schema.type.find((t) => t !== "null") ?? schema.type[0])
    : schema.type;
  if (typeof type === "string") return type;
  if (isObject(schema.properties)) return "object";
  if (schema.items !== undefined) return "array";
  return undefined;
};

/** A placeholder named like the field (customerId → {{customerId}}) when its values fit the type. */
function byFieldName(field: string | undefined, type: string): string | undefined {
  const name = field && BY_FIELD.get(field.toLowerCase());
  if (!name) return undefined;
  const values = placeholderSchema(name, []).type;
  return values === type || (type === "number" && values === "integer") ? `{{${name}}}` : undefined;
}

function fromSchema(schema: unknown, field: string | undefined, depth: number): unknown {
  if (!isObject(schema) || depth > MAX_DEPTH) return null;
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    const strings = schema.enum.every((v) => typeof v === "string" && PICKABLE.test(v));
    return strings ? `{{pick:${schema.enum.join("|")}}}` : schema.enum[0];
  }
  for (const list of ["allOf", "oneOf", "anyOf"] as const) {
    const parts = schema[list];
    if (Array.isArray(parts) && parts.length > 0) {
      // allOf: the parts together; oneOf/anyOf: the first alternative is one valid event.
      const picked =
        list === "allOf"
          ? parts.reduce<Json>(
              (acc, p) =>
                isObject(p)
                  ? { ...acc, ...p, properties: { ...(acc.properties as Json), ...(p.properties as Json) } }
                  : acc,
              {},
            )
          : parts[0];
      const { [list]: _dropped, ...rest } = schema;
      return fromSchema({ ...rest, ...(picked as Json) }, field, depth);
    }
  }
  const type = typeOf(schema);
  const min = typeof schema.minimum === "number" ? schema.minimum : undefined;
  const max = typeof schema.maximum === "number" ? schema.maximum : undefined;
  switch (type) {
    case "object": {
      const properties = isObject(schema.properties) ? schema.properties : {};
      return Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, fromSchema(v, k, depth + 1)]));
    }
    case "array":
      return Array.isArray(schema.items)
        ? schema.items.map((s) => fromSchema(s, field, depth + 1))
        : [fromSchema(schema.items ?? {}, field, depth + 1)];
    case "string":
      if (schema.format === "date-time") return "{{timestamp}}";
      if (schema.format === "uuid") return "{{uuid}}";
      if (schema.format === "email") return "{{email}}";
      return byFieldName(field, "string") ?? "{{word}}";
    case "integer":
      // Bounds the schema states beat a placeholder's own range (quantity is 1–5).
      return (
        (min === undefined && max === undefined && byFieldName(field, "integer")) ||
        `{{int:${min ?? 0}:${max ?? (min ?? 0) + 100}}}`
      );
    case "number":
      return (
        (min === undefined && max === undefined && byFieldName(field, "number")) ||
        `{{float:${min ?? 0}:${max ?? (min ?? 0) + 100}}}`
      );
    case "boolean":
      return "{{bool}}";
    case "null":
      return null;
    default:
      // An open payload schema says nothing: send an empty object. An open field: some text.
      return depth === 0 ? {} : (byFieldName(field, "string") ?? "{{word}}");
  }
}

/**
 * Writes a payload template that renders events valid against a JSON Schema: each field with
 * the placeholder its format, type or name suggests (date-time → {{timestamp}}, integer with
 * bounds → {{int:MIN:MAX}}, customerId → {{customerId}}). Returns undefined when the result
 * would not be a usable template (too large, not compilable).
 */
export function schemaToTemplate(schema: unknown): string | undefined {
  const text = JSON.stringify(fromSchema(schema, undefined, 0) ?? {}, null, 2);
  if (new TextEncoder().encode(text).length > FLOW_LIMITS.maxPayloadTemplateBytes) return undefined;
  return compileTemplate(text).ok ? text : undefined;
}
