import type * as z from "@/lib/zod";

/** One form field derived from a zod schema: what to render and the limits to hint at. */
export type FieldDescriptor =
  | { type: "text"; path: string[]; optional: boolean; minLength?: number; maxLength?: number }
  | { type: "number"; path: string[]; optional: boolean; min?: number; max?: number; integer: boolean }
  | { type: "choice"; path: string[]; optional: boolean; options: string[] }
  | { type: "toggle"; path: string[]; optional: boolean }
  | { type: "group"; path: string[]; optional: boolean; fields: FieldDescriptor[] };

// zod keeps a schema's kind in `def.type`, an object's fields in `def.shape`, an enum's values in
// `def.entries`, and each bound as a check in `def.checks` (refinements are checks too, so the
// fields of a refined object stay readable).
interface CheckDef {
  check: string;
  value?: unknown;
  minimum?: number;
  maximum?: number;
  format?: string;
}
interface Introspectable {
  _zod: {
    def: {
      type: string;
      innerType?: Introspectable;
      shape?: Record<string, Introspectable>;
      entries?: Record<string, string>;
      checks?: { _zod: { def: CheckDef } }[];
    };
  };
}

/** The bounds a schema's checks set: the tightest of each (an exclusive bound counts as its value). */
function bounds(schema: Introspectable) {
  const found: { min?: number; max?: number; minLength?: number; maxLength?: number; integer: boolean } = {
    integer: false,
  };
  const tighter = (a: number | undefined, b: number, pick: (x: number, y: number) => number) =>
    a === undefined ? b : pick(a, b);
  for (const { _zod } of schema._zod.def.checks ?? []) {
    const check = _zod.def;
    if (check.check === "greater_than" && typeof check.value === "number")
      found.min = tighter(found.min, check.value, Math.max);
    else if (check.check === "less_than" && typeof check.value === "number")
      found.max = tighter(found.max, check.value, Math.min);
    else if (check.check === "min_length" && check.minimum !== undefined)
      found.minLength = tighter(found.minLength, check.minimum, Math.max);
    else if (check.check === "max_length" && check.maximum !== undefined)
      found.maxLength = tighter(found.maxLength, check.maximum, Math.min);
    else if (check.check === "number_format" && check.format?.includes("int")) found.integer = true;
  }
  return found;
}

/** Walks an object schema into field descriptors; unknown schema kinds become text fields. */
export function describeSchema(
  schema: z.ZodMiniType,
  path: string[] = [],
  optional = false,
): FieldDescriptor {
  let s = schema as unknown as Introspectable;
  while (["optional", "default", "nullable"].includes(s._zod.def.type)) {
    optional = true;
    s = s._zod.def.innerType!;
  }
  const def = s._zod.def;
  switch (def.type) {
    case "object":
      return {
        type: "group",
        path,
        optional,
        fields: Object.entries(def.shape ?? {}).map(([key, child]) =>
          describeSchema(child as unknown as z.ZodMiniType, [...path, key]),
        ),
      };
    case "number": {
      const { min, max, integer } = bounds(s);
      return { type: "number", path, optional, min, max, integer };
    }
    case "enum":
      return { type: "choice", path, optional, options: Object.values(def.entries ?? {}) };
    case "boolean":
      return { type: "toggle", path, optional };
    default: {
      const { minLength, maxLength } = bounds(s);
      return { type: "text", path, optional, minLength, maxLength };
    }
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
export function messagesByPath(schema: z.ZodMiniType, value: unknown): Map<string, string> {
  const result = schema.safeParse(value);
  const messages = new Map<string, string>();
  if (result.success) return messages;
  for (const issue of result.error.issues) {
    const key = issue.path.join(".");
    if (!messages.has(key)) messages.set(key, issue.message);
  }
  return messages;
}
