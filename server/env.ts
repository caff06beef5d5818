import { z } from "zod";

/** A per-client rate: requests a minute, also the burst a client may spend at once. */
const perMinute = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(1, "must be a whole number ≥ 1 (requests per minute)")
    .max(1_000_000, "must be at most 1000000")
    .default(fallback);
const milliseconds = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(100, "must be at least 100 (milliseconds)")
    .max(3_600_000, "must be at most 3600000")
    .default(fallback);

/** A whole number from `min` to `max` (each bound named in its message), `fallback` when unset. */
const whole = (min: number, max: number, fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(min, min <= 2 ? `must be a whole number ≥ ${min}` : `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(fallback);

/** The environment, parsed once. Nothing else in the server reads process.env. */
const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce
    .number()
    .int()
    .min(0, "must be a port number 0–65535")
    .max(65535, "must be a port number 0–65535")
    .default(3000),
  HOST: z.string().min(1, "must be a host name or address").default("localhost"),
  DATABASE_URL: z
    .string()
    .regex(
      /^(file:.+|postgres(ql)?:\/\/[^/]+\/.+)$/,
      "must be a SQLite file URL like file:./data/eventloom.db or a PostgreSQL URL like postgresql://user@host:5432/eventloom",
    )
    .default("file:./data/eventloom.db"),
  LOG_LEVEL: z.enum(["silent", "error", "info", "debug"]).default("info"),
  /** The address people reach the app at (for link previews); defaults to the request's host. */
  PUBLIC_URL: z.url("must be an absolute URL like https://eventloom.example.com").optional(),
  MAX_RUNNING_FLOWS: whole(1, 1000, 10),
  MAX_FLOW_EVENTS_PER_SEC: whole(1, 1_000_000, 20_000),
  MAX_SERVER_EVENTS_PER_SEC: whole(1, 10_000_000, 50_000),
  MAX_PAYLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1024, "must be at least 1024")
    .max(16 * 1024 * 1024, "must be at most 16777216")
    .default(256 * 1024),
  RUN_HISTORY_SIZE: whole(1000, 5_000_000, 100_000),
  MAX_RUN_MEMORY_MB: whole(8, 65_536, 256),
  MAX_SERVER_MEMORY_MB: whole(8, 1_048_576, 1024),
  SOCKET_MESSAGES_PER_SEC: whole(1, 10_000, 20),
  MAX_SCENARIO_RUNS: whole(1, 64, 2),
  SCENARIO_MAX_EVENTS: whole(1000, 1_000_000_000, 20_000_000),
  TRANSFORM_TIMEOUT_MS: whole(10, 10_000, 250),
  TRANSFORM_MEMORY_MB: whole(16, 1024, 64),
  PREVIEW_TIMEOUT_MS: whole(100, 60_000, 5000),
  PREVIEW_MEMORY_MB: whole(16, 1024, 64),
  PREVIEW_MAX_WAITING: z.coerce
    .number()
    .int()
    .min(0, "must be a whole number ≥ 0")
    .max(100, "must be at most 100")
    .default(8),
  /** This server's name in the cluster (default: host name, process id and a random suffix). */
  SERVER_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, "must be 1–64 letters, digits, dots, dashes or underscores")
    .optional(),
  /** Prefix of every Redis key the cluster uses, so several clusters can share one Redis. */
  CLUSTER_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:._-]{1,64}$/, "must be 1–64 letters, digits, colons, dots, dashes or underscores")
    .default("eventloom:"),
  /** Runs across every server of a cluster (each server also holds MAX_RUNNING_FLOWS). */
  CLUSTER_MAX_RUNNING_FLOWS: whole(1, 100_000, 50),
  /** Configured events per second across every run of a cluster (each server also holds its own). */
  CLUSTER_MAX_EVENTS_PER_SEC: whole(1, 100_000_000, 150_000),
  /** How long a server's claim on a run lasts unless renewed: the longest a dead owner's run waits. */
  RUN_LEASE_MS: whole(500, 60_000, 6000),
  MAX_INGEST_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024, "must be at least 1024")
    .max(64 * 1024 * 1024, "must be at most 67108864")
    .default(1024 * 1024),
  /** Turns GET /metrics on; scrapers send it as a bearer token. */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  /** Turns on OpenTelemetry export of delivery steps: spans go to `<endpoint>/v1/traces` (OTLP/HTTP JSON). */
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL like http://collector:4318" })
    .optional(),
  /** The service name on exported spans. */
  OTEL_SERVICE_NAME: z.string().min(1).max(100).default("eventloom"),
  /** Hosts webhooks may reach even when they resolve to private or loopback addresses. */
  WEBHOOK_ALLOW_HOSTS: z
    .string()
    .default("")
    .transform((text) =>
      text
        .split(",")
        .map((h) => h.trim().toLowerCase())
        .filter((h) => h !== ""),
    ),
  MAX_INGEST_BATCH: whole(1, 100_000, 1000),
  /**
   * Redis for topics on Redis Streams (unset, that backend shows as unavailable); with a
   * PostgreSQL DATABASE_URL too, the servers sharing both form a cluster (server/cluster).
   */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/.+/, "must be a Redis URL like redis://127.0.0.1:6379")
    .optional(),
  /** NATS with JetStream for topics on NATS JetStream; unset, that backend shows as unavailable. */
  NATS_URL: z
    .string()
    .regex(/^(nats|tls):\/\/.+/, "must be a NATS URL like nats://127.0.0.1:4222")
    .optional(),
  /** This server's consumer name in every Redis consumer group; keep it stable across restarts. */
  BROKER_CONSUMER_NAME: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, "may use letters, digits and . _ - (at most 64)")
    .optional(),
  BROKER_VISIBILITY_TIMEOUT_MS: whole(1000, 3_600_000, 30_000),
  /**
   * Whether X-Forwarded-For/-Host/-Proto come from a proxy we trust: `false` (ignored and
   * removed), `true` (any number of proxies) or the number of proxies in front of the app.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|[0-9]{1,2})$/, "must be true, false or the number of proxies in front (0–99)")
    .default("false")
    .transform((v) => (v === "true" ? Infinity : v === "false" ? 0 : Number(v))),
  /** Origins besides the app's own that may call the API and open the realtime channel. */
  ALLOWED_ORIGINS: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .url("must be a comma-separated list of origins like https://a.example")
          .transform((o) => new URL(o).origin),
      ),
    ),
  RATE_LIMIT_CREATES_PER_MIN: perMinute(30),
  RATE_LIMIT_WRITES_PER_MIN: perMinute(240),
  RATE_LIMIT_DEPLOYS_PER_MIN: perMinute(30),
  RATE_LIMIT_CONTROLS_PER_MIN: perMinute(300),
  MAX_REVISIONS_PER_FLOW: whole(2, 100_000, 200),
  MAX_DATABASE_MB: whole(1, 1_000_000, 2048),
  REQUEST_TIMEOUT_MS: milliseconds(30_000),
  HEADERS_TIMEOUT_MS: milliseconds(10_000),
  KEEP_ALIVE_TIMEOUT_MS: milliseconds(5_000),
  MAX_CONNECTIONS: z.coerce
    .number()
    .int()
    .min(10, "must be a whole number ≥ 10")
    .max(1_000_000, "must be at most 1000000")
    .default(4000),
  MAX_CONNECTIONS_PER_CLIENT: whole(2, 1_000_000, 256),
});
export type Env = z.infer<typeof ZEnv>;

/** Parses `source`; on a bad value returns one line naming the variable and what is allowed. */
export function parseEnv(
  source: Record<string, string | undefined>,
): { ok: true; env: Env } | { ok: false; message: string } {
  const parsed = ZEnv.safeParse(source);
  if (parsed.success) return { ok: true, env: parsed.data };
  const first = parsed.error.issues[0];
  const name = String(first.path[0]);
  const allowed = first.code === "invalid_value" ? `one of ${first.values.join(", ")}` : first.message;
  return {
    ok: false,
    message: `Invalid environment variable ${name}=${JSON.stringify(source[name])}: ${allowed}`,
  };
}

let cached: Env | undefined;

/** The process environment, parsed on first use; exits with one clear line when it is bad. */
export function env(): Env {
  if (cached) return cached;
  const result = parseEnv(process.env);
  if (!result.ok) {
    console.error(result.message);
    process.exit(1);
  }
  cached = result.env;
  return cached;
}
