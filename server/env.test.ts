import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("fills the embedded defaults", () => {
    expect(parseEnv({})).toEqual({
      ok: true,
      env: {
        NODE_ENV: "production",
        OTEL_SERVICE_NAME: "eventloom",
        PORT: 3000,
        HOST: "localhost",
        DATABASE_URL: "file:./data/eventloom.db",
        LOG_LEVEL: "info",
        MAX_RUNNING_FLOWS: 10,
        MAX_FLOW_EVENTS_PER_SEC: 20_000,
        MAX_SERVER_EVENTS_PER_SEC: 50_000,
        MAX_PAYLOAD_BYTES: 262_144,
        RUN_HISTORY_SIZE: 100_000,
        MAX_RUN_MEMORY_MB: 256,
        MAX_SERVER_MEMORY_MB: 1024,
        SOCKET_MESSAGES_PER_SEC: 20,
        TRANSFORM_TIMEOUT_MS: 250,
        TRANSFORM_MEMORY_MB: 64,
        PREVIEW_TIMEOUT_MS: 5000,
        PREVIEW_MEMORY_MB: 64,
        PREVIEW_MAX_WAITING: 8,
        CLUSTER_PREFIX: "eventloom:",
        RUN_LEASE_MS: 6000,
        CLUSTER_MAX_RUNNING_FLOWS: 50,
        CLUSTER_MAX_EVENTS_PER_SEC: 150_000,
        MAX_INGEST_BODY_BYTES: 1_048_576,
        WEBHOOK_ALLOW_HOSTS: [],
        MAX_INGEST_BATCH: 1000,
        BROKER_VISIBILITY_TIMEOUT_MS: 30_000,
        MAX_SCENARIO_RUNS: 2,
        SCENARIO_MAX_EVENTS: 20_000_000,
        TRUST_PROXY: 0,
        ALLOWED_ORIGINS: [],
        RATE_LIMIT_CREATES_PER_MIN: 30,
        RATE_LIMIT_WRITES_PER_MIN: 240,
        RATE_LIMIT_DEPLOYS_PER_MIN: 30,
        RATE_LIMIT_CONTROLS_PER_MIN: 300,
        MAX_REVISIONS_PER_FLOW: 200,
        MAX_DATABASE_MB: 2048,
        REQUEST_TIMEOUT_MS: 30_000,
        HEADERS_TIMEOUT_MS: 10_000,
        KEEP_ALIVE_TIMEOUT_MS: 5_000,
        MAX_CONNECTIONS: 4000,
        MAX_CONNECTIONS_PER_CLIENT: 256,
      },
    });
  });

  it("takes broker URLs and refuses ones of another scheme", () => {
    const parsed = parseEnv({ REDIS_URL: "redis://10.0.0.5:6379", NATS_URL: "nats://10.0.0.6:4222" });
    expect(parsed).toMatchObject({
      ok: true,
      env: { REDIS_URL: "redis://10.0.0.5:6379", NATS_URL: "nats://10.0.0.6:4222" },
    });
    expect(parseEnv({ REDIS_URL: "http://x" })).toEqual({
      ok: false,
      message:
        'Invalid environment variable REDIS_URL="http://x": must be a Redis URL like redis://127.0.0.1:6379',
    });
  });

  it("reads TRUST_PROXY as a count of proxies and ALLOWED_ORIGINS as a list of origins", () => {
    const read = (source: Record<string, string>) => {
      const parsed = parseEnv(source);
      return parsed.ok
        ? { TRUST_PROXY: parsed.env.TRUST_PROXY, ALLOWED_ORIGINS: parsed.env.ALLOWED_ORIGINS }
        : parsed;
    };
    expect(read({ TRUST_PROXY: "true" })).toMatchObject({ TRUST_PROXY: Infinity });
    expect(read({ TRUST_PROXY: "2" })).toMatchObject({ TRUST_PROXY: 2 });
    expect(read({ TRUST_PROXY: "false" })).toMatchObject({ TRUST_PROXY: 0 });
    expect(read({ TRUST_PROXY: "yes" })).toEqual({
      ok: false,
      message:
        'Invalid environment variable TRUST_PROXY="yes": must be true, false or the number of proxies in front (0–99)',
    });
    expect(read({ ALLOWED_ORIGINS: " https://a.example/path , http://b.example:8080" })).toMatchObject({
      ALLOWED_ORIGINS: ["https://a.example", "http://b.example:8080"],
    });
    expect(read({ ALLOWED_ORIGINS: "not a url" })).toEqual({
      ok: false,
      message:
        'Invalid environment variable ALLOWED_ORIGINS="not a url": must be a comma-separated list of origins like https://a.example',
    });
  });

  it("names the variable and what is allowed on a bad value", () => {
    expect(parseEnv({ PORT: "70000" })).toEqual({
      ok: false,
      message: 'Invalid environment variable PORT="70000": must be a port number 0–65535',
    });
    expect(parseEnv({ LOG_LEVEL: "loud" })).toEqual({
      ok: false,
      message: 'Invalid environment variable LOG_LEVEL="loud": one of silent, error, info, debug',
    });
    expect(parseEnv({ DATABASE_URL: "mysql://x/db" })).toEqual({
      ok: false,
      message:
        'Invalid environment variable DATABASE_URL="mysql://x/db": must be a SQLite file URL like file:./data/eventloom.db or a PostgreSQL URL like postgresql://user@host:5432/eventloom',
    });
  });

  it("takes an absolute PUBLIC_URL and refuses anything else", () => {
    expect(parseEnv({ PUBLIC_URL: "https://eventloom.example.com" })).toMatchObject({
      ok: true,
      env: { PUBLIC_URL: "https://eventloom.example.com" },
    });
    expect(parseEnv({ PUBLIC_URL: "eventloom.example.com" })).toEqual({
      ok: false,
      message:
        'Invalid environment variable PUBLIC_URL="eventloom.example.com": must be an absolute URL like https://eventloom.example.com',
    });
  });

  it("accepts a PostgreSQL URL", () => {
    const parsed = parseEnv({ DATABASE_URL: "postgresql://app@db.internal:5432/eventloom?schema=prod" });
    expect(parsed.ok && parsed.env.DATABASE_URL).toBe(
      "postgresql://app@db.internal:5432/eventloom?schema=prod",
    );
  });
});
