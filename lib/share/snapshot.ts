import { deflateSync, Inflate, strFromU8, strToU8 } from "fflate";
import { readGraph, type FlowGraph, type FlowIssue } from "../flow";
import { withoutSecrets } from "../flow/secrets";

/**
 * Snapshot links carry a whole flow in the URL fragment (`/snapshot#v1.<data>`), which the
 * browser never sends to the server: no storage, and no server-side URL-length limit. The
 * data is the flow's JSON, deflated and base64url-encoded: a 500-node flow fits comfortably.
 */
const PREFIX = "v1.";
/** Refuse to inflate past this: a hostile fragment must not exhaust the tab's memory. */
const MAX_INFLATED_BYTES = 4 * 1024 * 1024;

export interface Snapshot {
  name: string;
  graph: FlowGraph;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Inflates chunk by chunk and gives up past MAX_INFLATED_BYTES (null), so a bomb cannot blow up. */
function inflateBounded(compressed: Uint8Array): Uint8Array | null {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let tooBig = false;
  const inflater = new Inflate((chunk) => {
    size += chunk.length;
    if (size > MAX_INFLATED_BYTES) tooBig = true;
    else chunks.push(chunk);
  });
  for (let i = 0; i < compressed.length && !tooBig; i += 16 * 1024)
    inflater.push(compressed.subarray(i, i + 16 * 1024), i + 16 * 1024 >= compressed.length);
  if (tooBig) return null;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** The fragment (without `#`) that carries this flow. */
export function encodeSnapshot(snapshot: Snapshot): string {
  return (
    PREFIX +
    toBase64Url(
      deflateSync(strToU8(JSON.stringify({ name: snapshot.name, graph: withoutSecrets(snapshot.graph) })), {
        level: 9,
      }),
    )
  );
}

/** Reads a fragment back into a validated flow, or says what is wrong with it. */
export function decodeSnapshot(
  fragment: string,
): { ok: true; snapshot: Snapshot; issues: FlowIssue[] } | { ok: false; message: string } {
  const text = fragment.replace(/^#/, "");
  if (!text.startsWith(PREFIX))
    return { ok: false, message: "This is not an Eventloom snapshot link (it should end in #v1.…)" };
  let parsed: unknown;
  try {
    const inflated = inflateBounded(fromBase64Url(text.slice(PREFIX.length)));
    if (!inflated) return { ok: false, message: "This snapshot is larger than a flow can be" };
    parsed = JSON.parse(strFromU8(inflated));
  } catch {
    return {
      ok: false,
      message: "This snapshot link is damaged (it may have been cut short when copied): ask for it again",
    };
  }
  const record = parsed as { name?: unknown; graph?: unknown };
  if (!record || typeof record !== "object" || typeof record.name !== "string")
    return { ok: false, message: "This snapshot holds no flow" };
  const read = readGraph(record.graph);
  if (!read.graph)
    return {
      ok: false,
      message: `This snapshot's flow is not valid: ${read.issues[0]?.path} ${read.issues[0]?.message}`,
    };
  return { ok: true, snapshot: { name: record.name.slice(0, 120), graph: read.graph }, issues: read.issues };
}
