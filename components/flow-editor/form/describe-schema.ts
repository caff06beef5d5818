import type { z } from "zod";

/** One form field derived from a zod schema: what to render and the limits to hint at. */
export type FieldDescriptor =
  | { type: "text"; path: string[]; optional: boolean; minLength?: number; maxLength?: number }
  | { type: "number"; path: string[]; optional: boolean; min?: number; max?: number; integer: boolean }
  | { type: "choice"; path: string[]; optional: boolean; options: string[] }
  | { type: "toggle"; path: string[]; optional: boolean }
  | { type: "group"; path: string[]; optional: boolean; fields: FieldDescriptor[] };

// zod 4 keeps a schema's kind in `def.type` and exposes bounds as getters; refinements
// (superRefine) live on the same schema as checks, so `.shape` stays readable.
type Introspectable = z.ZodType & {
  def: { type: string; innerType?: Introspectable };
  shape?: Record<string, Introspectable>;
  options?: readonly string[];
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
  minLength?: number | null;
  maxLength?: number | null;
};

const orUndefined = (n: number | null | undefined) =>
  typeof n === "number" && Number.isFinite(n) ? n : undefined;

/** Walks an object schema into field descriptors; unknown schema kinds become text fields. */
export function describeSchema(schema: z.ZodType, path: string[] = [], optional = false): FieldDescriptor {
  let s = schema as Introspectable;
  while (s.def.type === "optional" || s.def.type === "default" || s.def.type === "nullable") {
    optional = true;
    s = s.def.innerType!;
  }
  switch (s.def.type) {
    case "object":
      return {
        type: "group",
        path,
        optional,
        fields: Object.entries(s.shape ?? {}).map(([key, child]) => describeSchema(child, [...path, key])),
      };
    case "number":
      return {
        type: "number",
        path,
        optional,
        min: orUndefined(s.minValue),
        max: orUndefined(s.maxValue),
        integer: s.isInt === true,
      };
    case "enum":
      return { type: "choice", path, optional, options: [...(s.options ?? [])] };
    case "boolean":
      return { type: "toggle", path, optional };
    default:
      return {
        type: "text",
        path,
        optional,
        minLength: orUndefined(s.minLength),
        maxLength: orUndefined(s.maxLength),
      };
  }
}

/** Reads the value at `path` of a JSON object. */
export function getAt(value: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>(
    (v, key) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined),
    value,
  );
}

/** Returns a copy of `value` with `path` set; `undefined` removes the key (an optional field left empty). */
export function setAt<T>(value: T, path: readonly string[], next: unknown): T {
  if (path.length === 0) return next as T;
  const [key, ...rest] = path;
  const object = { ...(value as Record<string, unknown>) };
  const child = rest.length ? setAt(object[key] ?? {}, rest, next) : next;
  if (child === undefined) delete object[key];
  else object[key] = child;
  return object as T;
}

/** The schema's messages keyed by dotted path (`retry.maxDelayMs`), first message per field. */
export function messagesByPath(schema: z.ZodType, value: unknown): Map<string, string> {
  const result = schema.safeParse(value);
  const messages = new Map<string, string>();
  if (result.success) return messages;
  for (const issue of result.error.issues) {
    const key = issue.path.join(".");
    if (!messages.has(key)) messages.set(key, issue.message);
  }
  return messages;
}
