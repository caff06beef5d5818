/** Limits of a webhook consumer's extra headers. */
export const WEBHOOK_HEADER_LIMITS = { maxHeaders: 20, maxValue: 1024, maxText: 4000 } as const;

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/;
/** Headers Eventloom sets itself on every delivery; a consumer cannot replace them. */
const RESERVED =
  /^(host|content-length|content-type|connection|transfer-encoding|webhook-(id|timestamp|signature)|ce-.*)$/i;

/**
 * Reads a consumer's extra headers, written one per line as `Name: value`. Returns the headers
 * or the problem with the first bad line (blank lines are skipped).
 */
export function parseHeaderLines(
  text: string | undefined,
): { ok: true; headers: [string, string][] } | { ok: false; message: string } {
  const headers: [string, string][] = [];
  const lines = (text ?? "").split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "") continue;
    const colon = line.indexOf(":");
    const name = colon > 0 ? line.slice(0, colon).trim() : "";
    const value = colon > 0 ? line.slice(colon + 1).trim() : "";
    const at = `line ${i + 1}`;
    if (!TOKEN.test(name)) return { ok: false, message: `${at}: write headers as 'Name: value'` };
    if (RESERVED.test(name)) return { ok: false, message: `${at}: ${name} is set by Eventloom` };
    if (value.length > WEBHOOK_HEADER_LIMITS.maxValue)
      return { ok: false, message: `${at}: the value is over ${WEBHOOK_HEADER_LIMITS.maxValue} characters` };
    if (/[^\t\x20-\x7e\x80-\xff]/.test(value))
      return { ok: false, message: `${at}: the value has characters a header cannot carry` };
    headers.push([name, value]);
    if (headers.length > WEBHOOK_HEADER_LIMITS.maxHeaders)
      return { ok: false, message: `at most ${WEBHOOK_HEADER_LIMITS.maxHeaders} headers` };
  }
  return { ok: true, headers };
}
