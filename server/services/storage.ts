import { statfs } from "node:fs/promises";
import { dirname } from "node:path";
import type { PrismaClient } from "../db/client";
import type { DatabaseTarget } from "../db/database-url";
import { storageFailure, type StorageFailure } from "../db/storage-errors";

export interface DatabaseHealth {
  state: "ok" | StorageFailure;
  sizeBytes: number | null;
  maxBytes: number;
  freeDiskBytes: number | null;
  /** False once the database is past MAX_DATABASE_MB: new flows are refused. */
  acceptsNewFlows: boolean;
}

/** Less free disk than this and the database is reported full before SQLite fails. */
const MIN_FREE_DISK_BYTES = 8 * 1024 * 1024;
const PROBE_EVERY_MS = 2000;

/**
 * The state of the database's storage: its size against MAX_DATABASE_MB (creates are refused
 * beyond it), whether it can still be written (a cheap write probe, free disk space, and the
 * last failed write), for /api/health and for writes that must say why they failed.
 */
export function storageService(
  db: PrismaClient,
  target: DatabaseTarget,
  maxBytes: number,
  now = () => Date.now(),
) {
  const sqlite = target.kind === "sqlite";
  let lastFailure: { kind: StorageFailure; atMs: number } | null = null;
  let probed: { atMs: number; health: Promise<DatabaseHealth> } | null = null;

  async function sizeBytes(): Promise<number> {
    if (!sqlite) {
      const [row] = await db.$queryRawUnsafe<{ bytes: bigint | null }[]>(
        `SELECT sum(pg_total_relation_size(c.oid))::bigint AS bytes FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = current_schema() AND c.relkind = 'r'`,
      );
      return Number(row.bytes ?? 0);
    }
    const [count] = await db.$queryRawUnsafe<{ page_count: bigint }[]>("PRAGMA page_count");
    const [size] = await db.$queryRawUnsafe<{ page_size: bigint }[]>("PRAGMA page_size");
    return Number(count.page_count) * Number(size.page_size);
  }

  async function freeDiskBytes(): Promise<number | null> {
    if (target.kind !== "sqlite") return null; // PostgreSQL's disk is the database server's
    try {
      const stats = await statfs(dirname(target.path));
      return stats.bavail * stats.bsize;
    } catch {
      return null;
    }
  }

  /** Rewrites the schema cookie with its own value: a real write transaction, changing nothing. */
  async function probeWrite(): Promise<StorageFailure | null> {
    if (!sqlite) return null; // PostgreSQL reports failed writes as they happen
    try {
      const [row] = await db.$queryRawUnsafe<{ user_version: bigint }[]>("PRAGMA user_version");
      await db.$executeRawUnsafe(`PRAGMA user_version = ${Number(row.user_version)}`);
      return null;
    } catch (error) {
      return storageFailure(error) ?? "unavailable";
    }
  }

  async function measure(): Promise<DatabaseHealth> {
    const [probe, free, size] = await Promise.all([
      probeWrite(),
      freeDiskBytes(),
      sizeBytes().catch(() => null),
    ]);
    // The probe rewrites a page that exists: it proves writability, not room for new pages.
    if (!probe && lastFailure?.kind !== "full") lastFailure = null;
    const state =
      probe ?? (free !== null && free < MIN_FREE_DISK_BYTES ? "full" : null) ?? lastFailure?.kind ?? "ok";
    return {
      state,
      sizeBytes: size,
      maxBytes,
      freeDiskBytes: free,
      acceptsNewFlows: size === null || size < maxBytes,
    };
  }

  return {
    /** The database's state, measured at most every two seconds (health is asked often). */
    health(): Promise<DatabaseHealth> {
      if (!probed || now() - probed.atMs >= PROBE_EVERY_MS) probed = { atMs: now(), health: measure() };
      return probed.health;
    },
    /** Null while new flows may be created; else why not (the database is past its cap). */
    async refuseNewFlow(): Promise<string | null> {
      const size = await sizeBytes();
      if (size < maxBytes) return null;
      return `The database has reached its size limit (MAX_DATABASE_MB=${Math.round(maxBytes / 1024 / 1024)}): no new flows can be created. Delete flows you no longer need, or ask the operator to raise the limit`;
    },
    /** Remembers how the last write ended, so health reports a failure the probe cannot see. */
    noteWrite(outcome: StorageFailure | "ok") {
      lastFailure = outcome === "ok" ? null : { kind: outcome, atMs: now() };
      probed = null;
    },
  };
}
export type StorageService = ReturnType<typeof storageService>;
