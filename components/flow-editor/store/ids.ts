const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

/** A short random id that fits the flow model's id rule (letters, digits, _ and -). */
export function newId(prefix: string, length = 6): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let out = "";
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return `${prefix}-${out}`;
}

/** `base` if unused, else `base-2`, `base-3` … — for topic names and consumer groups. */
export function uniqueName(base: string, taken: ReadonlySet<string>, maxLength = 80): string {
  if (!taken.has(base)) return base;
  const stem = base.replace(/-\d+$/, "");
  for (let i = 2; ; i++) {
    const candidate = `${stem.slice(0, maxLength - String(i).length - 1)}-${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}
