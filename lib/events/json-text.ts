/** Helpers for reading JSON text that holds `{{placeholders}}` (payload templates). */

/**
 * A placeholder: `{{name}}` or `{{name:arg:arg}}`; group 1 is the name, group 2 the arguments
 * (absent when there are none). Linear time on any text: the name, each `:arg` and the closing
 * whitespace are told apart by their first character, and an argument stops at `{`, so a failed
 * match gives back nothing it would try again (a 16 KB template of `{{a:` and spaces took ~1 s
 * with an overlapping pattern).
 */
export const PLACEHOLDER = /\{\{\s*([A-Za-z]+)(?:((?::[^{}:]*)+)|\s*)\}\}/g;

/** Marks, for each index of `text`, whether it lies inside a JSON string literal. */
export function stringMask(text: string): Uint8Array {
  const inside = new Uint8Array(text.length);
  let open = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (open && ch === "\\") {
      inside[i] = inside[i + 1] = 1;
      i++;
      continue;
    }
    if (ch === '"') open = !open;
    else if (open) inside[i] = 1;
  }
  return inside;
}

/** Reads JSON string-escaped text (`\"` for a quote) as the string it stands for. */
export function unescapeJson(text: string): string {
  try {
    return JSON.parse(`"${text}"`) as string;
  } catch {
    return text;
  }
}
