import * as z from "../zod";

/**
 * Subscription filters in the style of EventBridge event patterns. A pattern is an object
 * mirroring the event; each leaf is a list of matchers, any of which may match:
 *   exact values ("order.placed", 42, true, null), { prefix: "ord" },
 *   { numeric: [">", 0, "<=", 100] }, { exists: true }, { "anything-but": [..] | value | { prefix } }.
 * All fields of the pattern must match (AND); values in one list are alternatives (OR).
 */
const ZExactValue = z.union([z.string().check(z.maxLength(200)), z.number(), z.boolean(), z.null()]);
const NUMERIC_OPS = ["<", "<=", "=", ">=", ">"] as const;
const ZNumeric = z.array(z.union([z.enum(NUMERIC_OPS), z.number()])).check(
  z.minLength(2),
  z.maxLength(4),
  z.refine(
    (parts: (string | number)[]) =>
      parts.every((p, i) => (i % 2 === 0 ? typeof p === "string" : typeof p === "number")),
    'numeric takes operator, number pairs such as [">", 0, "<=", 5]',
  ),
);
const ZPrefix = z.strictObject({ prefix: z.string().check(z.maxLength(200)) });
const ZMatcher = z.union([
  ZExactValue,
  ZPrefix,
  z.strictObject({ numeric: ZNumeric }),
  z.strictObject({ exists: z.boolean() }),
  z.strictObject({
    "anything-but": z.union([ZExactValue, z.array(ZExactValue).check(z.maxLength(100)), ZPrefix]),
  }),
]);
export type FilterMatcher = z.infer<typeof ZMatcher>;
export type FilterPattern = { [field: string]: FilterMatcher[] | FilterPattern };

/** How deeply a filter may nest fields (`{ data: { order: { … } } }` is 3 levels). */
export const MAX_FILTER_DEPTH = 16;

const ZNestedPattern: z.ZodMiniType<FilterPattern> = z.lazy(() =>
  z.record(
    z.string().check(z.minLength(1), z.maxLength(200)),
    z.union([z.array(ZMatcher).check(z.minLength(1), z.maxLength(100)), ZNestedPattern]),
  ),
);

/**
 * Walks a pattern's fields without recursion: its depth (counting stops past the limit) and
 * where a `__proto__` field is. JSON.parse keeps such a key, but copying it into an object
 * (as the schema does) would drop it silently, so it is refused by name.
 */
function inspectPattern(value: unknown): { depth: number; protoAt: PropertyKey[] | undefined } {
  let depth = 0;
  const stack: [unknown, PropertyKey[]][] = [[value, []]];
  while (stack.length > 0) {
    const [item, path] = stack.pop()!;
    if (item === null || typeof item !== "object" || Array.isArray(item)) continue;
    if (path.length + 1 > depth && (depth = path.length + 1) > MAX_FILTER_DEPTH)
      return { depth, protoAt: undefined };
    for (const key of Object.keys(item)) {
      if (key === "__proto__") return { depth, protoAt: [...path, key] };
      stack.push([(item as Record<string, unknown>)[key], [...path, key]]);
    }
  }
  return { depth, protoAt: undefined };
}

/** A filter pattern; its depth and field names are checked before the recursive schema walks it. */
export const ZFilterPattern: z.ZodMiniType<FilterPattern> = z.pipe(
  z.unknown().check(
    z.superRefine((value: unknown, ctx) => {
      const { depth, protoAt } = inspectPattern(value);
      if (depth > MAX_FILTER_DEPTH)
        ctx.addIssue({
          code: "custom",
          message: `a filter may nest at most ${MAX_FILTER_DEPTH} levels of fields`,
        });
      else if (protoAt)
        ctx.addIssue({ code: "custom", path: protoAt, message: "'__proto__' cannot be a field name" });
    }),
  ),
  ZNestedPattern,
);

function matchesNumeric(parts: readonly (string | number)[], value: unknown): boolean {
  if (typeof value !== "number") return false;
  for (let i = 0; i < parts.length; i += 2) {
    const op = parts[i] as (typeof NUMERIC_OPS)[number];
    const bound = parts[i + 1] as number;
    const ok =
      op === "<"
        ? value < bound
        : op === "<="
          ? value <= bound
          : op === "="
            ? value === bound
            : op === ">="
              ? value >= bound
              : value > bound;
    if (!ok) return false;
  }
  return true;
}

function matchesOne(matcher: FilterMatcher, present: boolean, value: unknown): boolean {
  if (matcher === null || typeof matcher !== "object") return present && value === matcher;
  if ("exists" in matcher) return matcher.exists === present;
  if (!present) return false;
  if ("prefix" in matcher) return typeof value === "string" && value.startsWith(matcher.prefix);
  if ("numeric" in matcher) return matchesNumeric(matcher.numeric, value);
  const but = matcher["anything-but"];
  if (Array.isArray(but)) return !but.includes(value as never);
  if (but !== null && typeof but === "object")
    return !(typeof value === "string" && value.startsWith(but.prefix));
  return value !== but;
}

function matchesField(matchers: FilterMatcher[], present: boolean, value: unknown): boolean {
  // An array value matches when any of its elements matches (as in EventBridge).
  if (present && Array.isArray(value)) return value.some((v) => matchers.some((m) => matchesOne(m, true, v)));
  return matchers.some((m) => matchesOne(m, present, value));
}

/** True when `subject` (usually a CloudEvent with its `data`) matches every field of `pattern`. */
export function matchesPattern(pattern: FilterPattern, subject: unknown): boolean {
  const record =
    subject !== null && typeof subject === "object" ? (subject as Record<string, unknown>) : undefined;
  for (const field in pattern) {
    const rule = pattern[field];
    const present =
      record !== undefined &&
      Object.prototype.hasOwnProperty.call(record, field) &&
      record[field] !== undefined;
    const value = present ? record![field] : undefined;
    if (Array.isArray(rule)) {
      if (!matchesField(rule, present, value)) return false;
    } else if (!matchesPattern(rule, value)) {
      return false;
    }
  }
  return true;
}
