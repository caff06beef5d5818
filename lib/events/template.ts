import { FAKE_VALUES, type FakeContext } from "./fake-values";
import { freezeDeep } from "./envelope";
import { PLACEHOLDER, stringMask, unescapeJson } from "./json-text";

type Segment =
  | { kind: "text"; text: string }
  /** A placeholder that is a whole JSON value: `"{{quantity}}"` or `{{quantity}}` → 3. */
  | { kind: "value"; name: string; args: string[] }
  /** A placeholder inside a longer string: `"Order {{orderId}}"` → "Order ord_…". */
  | { kind: "inline"; name: string; args: string[] };

export type CompiledTemplate =
  | { ok: true; placeholders: string[]; render: (ctx: FakeContext) => unknown }
  | { ok: false; message: string };

function parseSegments(text: string): Segment[] | string {
  const inside = stringMask(text);
  const segments: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const start = match.index;
    const end = start + match[0].length;
    const name = match[1];
    if (!FAKE_VALUES[name])
      return `unknown placeholder {{${name}}}: use one of ${Object.keys(FAKE_VALUES).join(", ")}`;
    const rawArgs = match[2] ? match[2].slice(1).split(":") : [];
    // Inside a JSON string, arguments are written JSON-escaped (\" for a quote): unescape them.
    const args = inside[start] ? rawArgs.map(unescapeJson) : rawArgs;
    const wholeString = text[start - 1] === '"' && text[end] === '"' && !inside[start - 1] && inside[start];
    if (wholeString) {
      segments.push({ kind: "text", text: text.slice(last, start - 1) }, { kind: "value", name, args });
      last = end + 1;
    } else {
      segments.push(
        { kind: "text", text: text.slice(last, start) },
        { kind: inside[start] ? "inline" : "value", name, args },
      );
      last = end;
    }
  }
  segments.push({ kind: "text", text: text.slice(last) });
  return segments.filter((s) => s.kind !== "text" || s.text !== "");
}

/**
 * Compiles a payload template: JSON text with `{{placeholders}}` (see FAKE_VALUES). The
 * result renders a fresh, frozen payload per event; a template with no placeholders
 * renders one shared frozen value. Rendering throws when the filled text is not JSON.
 */
export function compileTemplate(text: string): CompiledTemplate {
  const segments = parseSegments(text);
  if (typeof segments === "string") return { ok: false, message: segments };
  const placeholders = segments.flatMap((s) => (s.kind === "text" ? [] : [s.name]));
  if (placeholders.length === 0) {
    let constant: unknown;
    try {
      constant = freezeDeep(JSON.parse(text));
    } catch (error) {
      return { ok: false, message: `the template is not valid JSON: ${(error as Error).message}` };
    }
    return { ok: true, placeholders, render: () => constant };
  }
  const render = (ctx: FakeContext) => {
    let out = "";
    for (const s of segments) {
      if (s.kind === "text") out += s.text;
      else {
        const value = FAKE_VALUES[s.name].generate(ctx, s.args);
        out += s.kind === "value" ? JSON.stringify(value) : JSON.stringify(String(value)).slice(1, -1);
      }
    }
    return freezeDeep(JSON.parse(out));
  };
  return { ok: true, placeholders, render };
}
