const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

/** A short random id that fits the flow model's id rule (letters, digits, _ and -). */
export function newId(prefix: string, length = 6): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let out = "";
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return `${prefix}-${out}`;
}
