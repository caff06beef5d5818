import jsonata from "jsonata";
import type { EventEnvelope } from "@/lib/events";

export type CompiledTransform = { ok: true; expression: jsonata.Expression } | { ok: false; message: string };

/** The outcome of one evaluation: a JSON value to emit (undefined = emit nothing) or why it failed. */
export type TransformOutcome = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * Compiles a consumer's JSONata expression once, with JSONata's own guard rails: a wall-clock
 * timeout and a depth limit checked on every evaluation step. A bad expression is not
 * thrown: each delivery then fails with its message.
 */
export function compileTransform(
  text: string | undefined,
  timeoutMs: number,
  maxDepth: number,
): CompiledTransform {
  try {
    return {
      ok: true,
      expression: jsonata(text ?? "", { timeout: timeoutMs, stack: maxDepth, sequence: 100_000 }),
    };
  } catch (error) {
    return { ok: false, message: errorMessage(error) };
  }
}

/**
 * Evaluates the expression against the whole event envelope (so `data.quantity`, `type`,
 * `correlationid` are all in reach) and checks the serialized size of the result.
 */
export async function runTransform(
  expression: jsonata.Expression,
  event: EventEnvelope,
  maxBytes: number,
): Promise<TransformOutcome> {
  let value: unknown;
  try {
    value = await expression.evaluate(event);
  } catch (error) {
    return { ok: false, reason: `transform-error: ${errorMessage(error)}` };
  }
  if (value === undefined) return { ok: true, value };
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    return { ok: false, reason: `transform-error: result is not JSON (${errorMessage(error)})` };
  }
  if (text === undefined) return { ok: true, value: undefined }; // a function result: nothing to emit
  if (text.length > maxBytes / 3 && Buffer.byteLength(text) > maxBytes)
    return { ok: false, reason: "payload-too-large" };
  // Re-parse: JSONata results can carry sequence flags and shared structure; events hold plain JSON.
  return { ok: true, value: JSON.parse(text) };
}

export function errorMessage(error: unknown): string {
  if (error && typeof error === "object") {
    const e = error as { message?: unknown; code?: unknown; position?: unknown };
    const where = typeof e.position === "number" ? ` at ${e.position}` : "";
    if (typeof e.message === "string")
      return `${typeof e.code === "string" ? e.code + ": " : ""}${e.message}${where}`;
  }
  return String(error);
}
