/**
 * One process of the transform pool (transform-pool.ts). It evaluates batches of JSONata
 * transforms and answers each item as soon as it is done, so the server can tell which item
 * is running and kill this process when one runs past its time limit (a native regex or a
 * huge string blocks a thread where JSONata's own step-wise timeout never looks). Plain
 * JavaScript with Node built-ins and jsonata only, so it starts without a TypeScript loader.
 */
import jsonata from "jsonata";

/** Compiled expressions by text and limits; bounded so a stream of distinct expressions cannot grow it. */
const compiled = new Map();
const MAX_COMPILED = 256;

function errorMessage(error) {
  if (error && typeof error === "object" && typeof error.message === "string") {
    const where = typeof error.position === "number" ? ` at ${error.position}` : "";
    return `${typeof error.code === "string" ? error.code + ": " : ""}${error.message}${where}`;
  }
  return String(error);
}

function expressionFor(text, timeoutMs, maxDepth) {
  const key = `${timeoutMs}/${maxDepth}/${text}`;
  let expression = compiled.get(key);
  if (expression === undefined) {
    expression = jsonata(text, { timeout: timeoutMs, stack: maxDepth, sequence: 100_000 });
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value);
    compiled.set(key, expression);
  }
  return expression;
}

/** Evaluates one item; the answer carries the result as JSON text (the main thread parses it). */
async function evaluate(item) {
  let value;
  try {
    value = await expressionFor(item.expression, item.timeoutMs, item.maxDepth).evaluate(item.event);
  } catch (error) {
    // JSONata's own step-wise timeout: the same outcome as the pool's hard limit.
    if (error && error.code === "D1012") return { ok: false, reason: "transform-timeout" };
    return { ok: false, reason: `transform-error: ${errorMessage(error)}` };
  }
  if (value === undefined) return { ok: true };
  // A huge string is refused before JSON.stringify copies it.
  if (typeof value === "string" && value.length > item.maxBytes)
    return { ok: false, reason: "payload-too-large" };
  let text;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    return { ok: false, reason: `transform-error: result is not JSON (${errorMessage(error)})` };
  }
  if (text === undefined) return { ok: true };
  if (text.length > item.maxBytes / 3 && Buffer.byteLength(text) > item.maxBytes)
    return { ok: false, reason: "payload-too-large" };
  return { ok: true, text };
}

process.on("message", async (batch) => {
  for (let index = 0; index < batch.items.length; index++)
    process.send({ id: batch.id, index, result: await evaluate(batch.items[index]) });
});
// Orphaned (the server died): nothing left to answer.
process.on("disconnect", () => process.exit(0));
// The server starts the clock of the first item only once this process can evaluate.
process.send({ ready: true });
