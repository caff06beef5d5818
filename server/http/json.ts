import type * as z from "@/lib/zod";
import { MAX_BODY_BYTES, type ApiError } from "@/lib/api/flows";
import { formatPath, issueMessage } from "@/lib/flow/validate";
import { jsonTextDepth, MAX_JSON_DEPTH } from "@/lib/json/depth";
import type { ServiceResult } from "../services/result";
import { services } from "../services/container";
import { STORAGE_MESSAGES, storageFailure } from "../db/storage-errors";

type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

export const jsonError = (status: number, error: string, extra: Omit<ApiError, "error"> = {}) =>
  Response.json({ error, ...extra }, { status });

/** Reads the body as text, refusing more than `limit` bytes without buffering them. */
async function readLimited(request: Request, limit: number): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Parses a JSON request body with `schema`: 413 when too large, 400 naming each problem. */
export async function parseBody<S extends z.ZodMiniType>(
  request: Request,
  schema: S,
  { optional = false } = {},
): Promise<Parsed<z.infer<S>>> {
  const text = await readLimited(request, MAX_BODY_BYTES);
  if (text === null)
    return {
      ok: false,
      response: jsonError(413, `The request body is over ${MAX_BODY_BYTES / 1024 / 1024} MB`),
    };
  // A byte-order mark is legal at the start of UTF-8 JSON; JSON.parse does not skip it.
  const json = text.startsWith("\uFEFF") ? text.slice(1) : text;
  if (jsonTextDepth(json) > MAX_JSON_DEPTH)
    return {
      ok: false,
      response: jsonError(400, `The request body nests more than ${MAX_JSON_DEPTH} levels deep (the limit)`),
    };
  let raw: unknown = {};
  if (json.trim() !== "" || !optional) {
    try {
      raw = JSON.parse(json);
    } catch (error) {
      return {
        ok: false,
        response: jsonError(400, `The request body is not valid JSON: ${(error as Error).message}`),
      };
    }
  }
  return parseValue(raw, schema, "request body");
}

/** Validates any input (body, query) with `schema`, as a 400 naming each field. */
export function parseValue<S extends z.ZodMiniType>(
  raw: unknown,
  schema: S,
  what: string,
): Parsed<z.infer<S>> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.map((i) => ({
    path: formatPath(i.path) || "(body)",
    message: issueMessage(i),
  }));
  return {
    ok: false,
    response: jsonError(
      400,
      `The ${what} is not valid: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`,
      { issues },
    ),
  };
}

/** Turns a use case's result into a response. */
export function respond<T>(result: ServiceResult<T>, status = 200): Response {
  if (!result.ok) return Response.json(result.body, { status: result.status });
  return result.value === null
    ? new Response(null, { status: 204 })
    : Response.json(result.value, { status });
}

/**
 * Wraps a route handler so that nothing a client sends can produce an unexplained 500:
 * unexpected failures are logged and answered with a JSON 500 that names no internals.
 */
export function handler<A extends unknown[]>(fn: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    const writes = args[0] instanceof Request && args[0].method !== "GET" && args[0].method !== "HEAD";
    try {
      const response = await fn(...args);
      if (writes && response.ok) services().storage?.noteWrite("ok");
      return response;
    } catch (error) {
      // A full disk or a read-only file is the server's state, not a bug: say so, and keep serving reads.
      const failure = storageFailure(error);
      if (failure) {
        services().storage?.noteWrite(failure);
        return jsonError(503, STORAGE_MESSAGES[failure]);
      }
      console.error("[api] unexpected failure", error);
      return jsonError(
        500,
        "Something went wrong on the server; the request changed nothing it had not finished",
      );
    }
  };
}
