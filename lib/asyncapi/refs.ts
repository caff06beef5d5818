/** Reading an AsyncAPI document as plain JSON: local `$ref`s, pointers and trait merges. */

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** The key a local reference such as `#/channels/lightMeasured` names under `prefix`, if any. */
export function refKey(ref: unknown, prefix: string): string | undefined {
  if (!isObject(ref) || typeof ref.$ref !== "string" || !ref.$ref.startsWith(`${prefix}/`)) return undefined;
  const rest = ref.$ref.slice(prefix.length + 1);
  return rest.includes("/") ? undefined : decodePointerPart(rest);
}

const decodePointerPart = (part: string) => decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~");

/** The value at a local JSON pointer (`#/a/b`), or undefined (also for remote references). */
export function atPointer(doc: Json, ref: string): unknown {
  if (!ref.startsWith("#")) return undefined;
  let here: unknown = doc;
  for (const part of ref.slice(1).split("/").filter(Boolean).map(decodePointerPart)) {
    if (!isObject(here) && !Array.isArray(here)) return undefined;
    here = (here as Json)[part];
  }
  return here;
}

/** Follows `$ref`s (local only) until a value that is not a reference; undefined when broken. */
export function deref(doc: Json, value: unknown): unknown {
  for (let hops = 0; isObject(value) && typeof value.$ref === "string"; hops++) {
    if (hops > 16) return undefined;
    value = atPointer(doc, value.$ref);
  }
  return value;
}

/**
 * Like {@link deref}, also giving the dotted path of where the value really is (the target
 * of the last reference), so that a problem is reported once, where it can be fixed.
 */
export function derefWithPath(doc: Json, value: unknown, path: string): { value: unknown; path: string } {
  for (let hops = 0; isObject(value) && typeof value.$ref === "string"; hops++) {
    if (hops > 16) return { value: undefined, path };
    path = value.$ref.startsWith("#/")
      ? value.$ref.slice(2).split("/").map(decodePointerPart).join(".")
      : path;
    value = atPointer(doc, value.$ref);
  }
  return { value, path };
}

/** Inlines every local `$ref` in a schema; cycles and broken references become `{}`. */
export function inlineRefs(doc: Json, value: unknown, seen: readonly string[] = []): unknown {
  if (Array.isArray(value)) return value.map((v) => inlineRefs(doc, v, seen));
  if (!isObject(value)) return value;
  if (typeof value.$ref === "string") {
    if (seen.includes(value.$ref) || seen.length > 32) return {};
    return inlineRefs(doc, atPointer(doc, value.$ref) ?? {}, [...seen, value.$ref]);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inlineRefs(doc, v, seen)]));
}

/** JSON Merge Patch (RFC 7386), the merge AsyncAPI 3.0 uses for traits. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const out: Json = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

/** A message with its traits applied: the message's own fields win over its traits'. */
export function applyTraits(doc: Json, message: Json): Json {
  const { traits, ...own } = message;
  const list = Array.isArray(traits) ? traits : [];
  const merged = list.reduce<unknown>((acc, trait) => mergePatch(acc, inlineRefs(doc, trait)), {});
  return mergePatch(merged, own) as Json;
}
