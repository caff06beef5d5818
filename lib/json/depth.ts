/**
 * How deep user JSON may nest. Everything that walks user JSON recursively (validation,
 * filters, templates, freezing) is safe below this; deeper input is refused with a 400
 * naming the limit instead of overflowing the stack.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * The nesting depth of JSON text (`1` for `[]`, `2` for `[{}]`), counted without parsing and
 * without recursion; stops counting past `limit`, so it costs one pass at most.
 */
export function jsonTextDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max && (max = depth) > limit) return max;
    } else if (c === 93 || c === 125) depth--;
  }
  return max;
}

/**
 * The nesting depth of a parsed value (objects and arrays count one level each), walked
 * without recursion; stops past `limit`.
 */
export function valueDepth(value: unknown, limit = MAX_JSON_DEPTH): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== "object") continue;
    if (depth > max && (max = depth) > limit) return max;
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, depth + 1]);
  }
  return max;
}
