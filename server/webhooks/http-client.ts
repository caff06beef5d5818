import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { Webhook } from "standardwebhooks";
import { toBinaryMode } from "@/lib/webhooks/binary-mode";
import type { WebhookOutcome, WebhookPort, WebhookRequest } from "../runtime";
import { refusedAddress } from "./address-policy";

/** How much of an answer's body is kept for the delivery record. */
export const RESPONSE_PREVIEW_BYTES = 1024;

export interface WebhookClientOptions {
  /** Host names that may resolve to refused addresses (WEBHOOK_ALLOW_HOSTS), lowercase. */
  allowHosts?: readonly string[];
  /** Resolver, for tests (a name that resolves to 127.0.0.1). Default: the system's. */
  lookup?: typeof dnsLookup;
  now?: () => number;
}

class RefusedAddressError extends Error {}

/**
 * The Node HTTP client behind webhook consumers. Each delivery is POSTed in CloudEvents binary
 * mode and signed as Standard Webhooks says (webhook-id, webhook-timestamp, webhook-signature).
 * Server-side request forgery is checked on the address actually connected to: the resolver
 * passed to the socket refuses private, loopback, link-local, multicast and metadata addresses
 * (so a DNS answer that changes between a check and the connection cannot slip through), and
 * IP literals are checked before connecting. Redirects are never followed.
 */
export function nodeWebhookClient(options: WebhookClientOptions = {}): WebhookPort {
  const allow = new Set((options.allowHosts ?? []).map((h) => h.toLowerCase()));
  const resolve = options.lookup ?? dnsLookup;
  const now = options.now ?? Date.now;
  const guardedLookup = ((hostname: string, opts: object, callback: (...args: unknown[]) => void) => {
    resolve(hostname, { ...opts, all: true }, (error, addresses) => {
      if (error) return callback(error);
      const list = addresses as unknown as LookupAddress[];
      if (!allow.has(hostname.toLowerCase())) {
        for (const { address } of list) {
          const why = refusedAddress(address);
          if (why)
            return callback(
              new RefusedAddressError(`${hostname} resolves to ${why.replace(/^\S+ is /, "")} (${address})`),
            );
        }
      }
      if ((opts as { all?: boolean }).all) callback(null, list);
      else callback(null, list[0].address, list[0].family);
    });
  }) as unknown as LookupFunction;
  // Keep-alive agents that resolve through the guard on every new connection.
  const agents = {
    "http:": new HttpAgent({ keepAlive: true, maxSockets: 64, lookup: guardedLookup } as object),
    "https:": new HttpsAgent({ keepAlive: true, maxSockets: 64, lookup: guardedLookup } as object),
  };

  // One signer per secret (it decodes the key once), a few kept.
  const signers = new Map<string, Webhook>();
  const signer = (secret: string) => {
    let found = signers.get(secret);
    if (!found) {
      if (signers.size >= 64) signers.clear();
      signers.set(secret, (found = new Webhook(secret)));
    }
    return found;
  };

  return {
    deliver(request: WebhookRequest): Promise<WebhookOutcome> {
      const started = now();
      const took = () => Math.max(0, now() - started);
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        return Promise.resolve({ status: null, durationMs: 0, error: "the URL is not valid", refused: true });
      }
      if (url.protocol !== "http:" && url.protocol !== "https:")
        return Promise.resolve({
          status: null,
          durationMs: 0,
          error: `${url.protocol} is not HTTP`,
          refused: true,
        });
      const host = url.hostname.replace(/^\[|\]$/g, "");
      if (isIP(host) && !allow.has(host.toLowerCase())) {
        const why = refusedAddress(host);
        if (why) return Promise.resolve({ status: null, durationMs: 0, error: why, refused: true });
      }
      const message = toBinaryMode(request.event);
      const headers: Record<string, string> = { ...message.headers };
      for (const [name, value] of request.headers) headers[name] = value;
      if (request.secret) {
        const timestamp = new Date(Math.floor(now() / 1000) * 1000);
        const id = request.event.id;
        headers["webhook-id"] = id;
        headers["webhook-timestamp"] = String(timestamp.getTime() / 1000);
        headers["webhook-signature"] = signer(request.secret).sign(id, timestamp, message.body);
      }
      headers["content-length"] = String(Buffer.byteLength(message.body));
      headers["user-agent"] = "Eventloom-Webhook/1";
      const send = url.protocol === "https:" ? httpsRequest : httpRequest;
      return new Promise<WebhookOutcome>((done) => {
        let settled = false;
        const settle = (outcome: WebhookOutcome) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          done(outcome);
        };
        const req = send(url, { method: "POST", headers, agent: agents[url.protocol as "http:" | "https:"] });
        const timer = setTimeout(() => {
          req.destroy();
          settle({ status: null, durationMs: took(), error: `timeout after ${request.timeoutMs} ms` });
        }, request.timeoutMs);
        req.on("error", (error) =>
          settle(
            error instanceof RefusedAddressError
              ? { status: null, durationMs: took(), error: error.message, refused: true }
              : { status: null, durationMs: took(), error: error.message || String(error) },
          ),
        );
        req.on("response", (response) =>
          readPreview(response, (preview) => settle(answer(response, preview, took(), now()))),
        );
        req.end(message.body);
      });
    },
  };
}

/** Reads at most RESPONSE_PREVIEW_BYTES of the body, then lets the rest drain. */
function readPreview(response: IncomingMessage, done: (preview: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    done(Buffer.concat(chunks).subarray(0, RESPONSE_PREVIEW_BYTES).toString("utf8"));
  };
  response.on("data", (chunk: Buffer) => {
    if (size < RESPONSE_PREVIEW_BYTES) chunks.push(chunk);
    size += chunk.length;
    // Enough for the record: the rest is read and dropped so the connection can be reused.
    if (size >= RESPONSE_PREVIEW_BYTES) finish();
  });
  response.on("end", finish);
  response.on("error", finish);
  response.on("aborted", finish);
}

function answer(
  response: IncomingMessage,
  preview: string,
  durationMs: number,
  nowMs: number,
): WebhookOutcome {
  const outcome: WebhookOutcome = { status: response.statusCode ?? 0, durationMs, response: preview };
  const retryAfter = retryAfterMs(response.headers["retry-after"], nowMs);
  if (retryAfter !== undefined) outcome.retryAfterMs = retryAfter;
  return outcome;
}

/** Retry-After as delay-seconds or an HTTP date, in milliseconds from now. */
export function retryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
