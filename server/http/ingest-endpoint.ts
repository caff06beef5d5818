import type { IncomingMessage, ServerResponse } from "node:http";
import { INGEST_PATH_PREFIX } from "@/lib/api/ingest";
import { JSON_ONLY_SECURITY_HEADERS } from "../edge/security-headers";
import type { IngestOutcome, IngestService } from "../services/ingest";

export interface IngestEndpointOptions {
  /** Largest request body read; a bigger one gets 413 without being buffered. */
  maxBodyBytes: number;
  /** Called once per answered request (metrics). */
  onAnswer?: (outcome: IngestOutcome) => void;
}

// The hot path of the app. Named closures are avoided on it (the server runs through tsx,
// whose keep-names transform costs an Object.defineProperty for each one made), and headers
// go to writeHead as one flat list made once (the front door sets none on these paths, so
// Node takes them as they are instead of merging them into headers set before).

/**
 * `POST /ingest/topics/:topic` on the custom server, ahead of Next: events from other systems
 * are the hottest path of the app, so they skip the page router. Its own guard: CloudEvents
 * content types and bearer keys, open to any origin (no cookies are read, so CORS is safe).
 * Returns false for requests that are not its own.
 */
export function ingestEndpoint(service: IngestService, options: IngestEndpointOptions) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = req.url ?? "";
    if (!url.startsWith(INGEST_PATH_PREFIX)) return false;
    const topic = topicOf(url);
    if (req.method === "OPTIONS") {
      res.writeHead(204, [
        ...SECURITY,
        ...CORS,
        "Access-Control-Allow-Methods",
        "POST",
        "Access-Control-Allow-Headers",
        req.headers["access-control-request-headers"] ?? "authorization, content-type",
        "Access-Control-Max-Age",
        "600",
      ]);
      res.end();
      return true;
    }
    if (req.method !== "POST") {
      send(res, 405, { error: "Send events with POST" }, { Allow: "POST, OPTIONS" });
      return true;
    }
    if (topic === "" || topic.includes("/")) {
      send(res, 404, { error: `No ingest endpoint here: POST to ${INGEST_PATH_PREFIX}<topic name>` });
      return true;
    }
    readBody(req, options.maxBodyBytes, (body) => answerBody(service, options, req, res, topic, body));
    return true;
  };
}

/** The topic named by the path (decoded; "" when its %-escapes are malformed). */
function topicOf(url: string): string {
  const query = url.indexOf("?", INGEST_PATH_PREFIX.length);
  const raw = url.slice(INGEST_PATH_PREFIX.length, query < 0 ? url.length : query);
  if (!raw.includes("%")) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return "";
  }
}

/** Answers a request whose body was read (`null`: over the cap; `undefined`: the client went away). */
function answerBody(
  service: IngestService,
  options: IngestEndpointOptions,
  req: IncomingMessage,
  res: ServerResponse,
  topic: string,
  body: string | null | undefined,
) {
  if (body === undefined) {
    // The client went away mid-body: there is no one to answer.
    if (!res.headersSent) send(res, 400, { error: "The request body could not be read" });
    return;
  }
  if (body === null) {
    const outcome: IngestOutcome = {
      status: 413,
      body: { error: `The request body is over ${options.maxBodyBytes} bytes` },
    };
    options.onAnswer?.(outcome);
    // The rest of an oversized body is not read: close the connection after answering.
    send(res, 413, outcome.body, { Connection: "close" });
    return;
  }
  // Answered at once when the key is cached and the run is here; no promise on that path.
  try {
    const outcome = service.ingest({
      topic,
      authorization: req.headers.authorization,
      headers: req.headers,
      body,
    });
    if (outcome instanceof Promise)
      outcome.then((settled) => answer(options, res, settled)).catch((error) => fail(res, error));
    else answer(options, res, outcome);
  } catch (error) {
    fail(res, error);
  }
}

function answer(options: IngestEndpointOptions, res: ServerResponse, outcome: IngestOutcome) {
  options.onAnswer?.(outcome);
  send(res, outcome.status, outcome.body, outcome.headers);
}

function fail(res: ServerResponse, error: unknown) {
  console.error("[ingest] unexpected failure", error);
  if (!res.headersSent)
    send(res, 500, { error: "Something went wrong on the server; nothing was published" });
}

const SECURITY = Object.entries(JSON_ONLY_SECURITY_HEADERS).flat();
const CORS = ["Access-Control-Allow-Origin", "*", "Access-Control-Expose-Headers", "Retry-After"];
/** Every JSON answer's headers but its Content-Length and its own. */
const ANSWER = [
  ...SECURITY,
  ...CORS,
  "Content-Type",
  "application/json; charset=utf-8",
  "Cache-Control",
  "no-store",
];

/** The whole answer in one writeHead and one end: its length known, never chunked. */
function send(res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>) {
  const text = JSON.stringify(body);
  const list: (string | number)[] = ANSWER.slice();
  list.push("Content-Length", Buffer.byteLength(text));
  if (headers !== undefined) for (const name in headers) list.push(name, headers[name]);
  res.writeHead(status, list);
  res.end(text);
}

/**
 * Calls `done` once with the body as UTF-8 text, null once it passes `limit` bytes (declared or
 * actual), or undefined when the client went away mid-body.
 */
function readBody(req: IncomingMessage, limit: number, done: (body: string | null | undefined) => void) {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) {
    req.resume();
    done(null);
    return;
  }
  let first: Buffer | undefined;
  let chunks: Buffer[] | undefined;
  let size = 0;
  let settled = false;
  req.on("data", (chunk: Buffer) => {
    if (settled) return;
    size += chunk.length;
    if (size > limit) {
      settled = true;
      done(null);
    } else if (first === undefined) first = chunk;
    else (chunks ??= [first]).push(chunk);
  });
  req.on("end", () => {
    if (settled) return;
    settled = true;
    done(chunks ? Buffer.concat(chunks).toString("utf8") : (first?.toString("utf8") ?? ""));
  });
  req.on("error", () => {
    if (settled) return;
    settled = true;
    done(undefined);
  });
  req.on("aborted", () => {
    if (settled) return;
    settled = true;
    done(undefined);
  });
}
