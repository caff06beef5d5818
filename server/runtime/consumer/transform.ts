import jsonata from "jsonata";
import type { TransformEvaluator, TransformOutcome, TransformRequest } from "../ports";

export type { TransformOutcome };

/** Whether a consumer's expression parses; a bad one fails each delivery with this message. */
export type CheckedTransform = { ok: true; expression: string } | { ok: false; message: string };

/**
 * Parses a consumer's JSONata expression once, at deploy, so a syntax error fails each
 * delivery at once without a trip to the evaluator. Parsing is linear in the expression's
 * length (bounded by the flow schema) and never runs the expression.
 */
export function checkTransform(text: string | undefined): CheckedTransform {
  try {
    jsonata(text ?? "");
    return { ok: true, expression: text ?? "" };
  } catch (error) {
    return { ok: false, message: errorMessage(error) };
  }
}

/**
 * Evaluates transforms on the calling thread, with JSONata's own guard rails (a timeout and a
 * depth limit checked between evaluation steps). A native regex or a huge string is not
 * stopped by them, so a live server evaluates user transforms in the worker pool instead;
 * this one serves tests, the simulator and benchmarks. Compiled expressions are cached.
 */
export function inProcessTransforms(): TransformEvaluator {
  const compiled = new Map<string, jsonata.Expression>();
  return {
    async evaluate(request) {
      const key = `${request.timeoutMs}/${request.maxDepth}/${request.expression}`;
      let expression = compiled.get(key);
      if (expression === undefined) {
        try {
          expression = jsonata(request.expression, {
            timeout: request.timeoutMs,
            stack: request.maxDepth,
            sequence: 100_000,
          });
        } catch (error) {
          return { ok: false, reason: `transform-error: ${errorMessage(error)}` };
        }
        if (compiled.size >= 256) compiled.delete(compiled.keys().next().value!);
        compiled.set(key, expression);
      }
      return runTransform(expression, request);
    },
  };
}

/**
 * Evaluates the expression against the whole event envelope (so `data.quantity`, `type`,
 * `correlationid` are all in reach) and checks the serialized size of the result.
 */
async function runTransform(
  expression: jsonata.Expression,
  request: TransformRequest,
): Promise<TransformOutcome> {
  let value: unknown;
  try {
    value = await expression.evaluate(request.event);
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === "D1012")
      return { ok: false, reason: "transform-timeout" };
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
  if (text.length > request.maxBytes / 3 && Buffer.byteLength(text) > request.maxBytes)
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
