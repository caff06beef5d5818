import { hash as oneShotHash, randomBytes } from "node:crypto";
import {
  INGEST_KEY_PREFIX,
  MAX_INGEST_KEYS_PER_FLOW,
  type IngestKeySummary,
  type IssuedIngestKey,
} from "@/lib/api/ingest";
import type { IngestKeysRepo, StoredIngestKey } from "../db/ingest-keys-repo";
import type { FlowService } from "./flows";
import { failure, success, type ServiceResult } from "./result";

/** `elk_` and 32 random bytes (256 bits) as URL-safe text. */
const KEY_SHAPE = /^elk_[A-Za-z0-9_-]{43}$/;
const HINT_LENGTH = INGEST_KEY_PREFIX.length + 6;
/** How long a verified key is trusted without asking the database again (and after revocation, at most, on another server). */
const VERIFIED_TTL_MS = 5_000;
const TOUCH_EVERY_MS = 60_000;
const MAX_CACHED = 10_000;

/** The stored form of a key: its sha256 in hex (one-shot hashing: the ingest hot path asks per request). */
export const hashIngestKey = (key: string) => oneShotHash("sha256", key, "hex");
export const looksLikeIngestKey = (token: string) => KEY_SHAPE.test(token);

/** The flow and key an ingest key stands for. */
export interface VerifiedKey {
  flowId: string;
  keyId: string;
}

const summary = (row: StoredIngestKey): IngestKeySummary => ({
  id: row.id,
  name: row.name,
  hint: row.hint,
  createdAt: row.createdAt.toISOString(),
  rotatedAt: row.rotatedAt?.toISOString() ?? null,
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
});

function newKey() {
  const key = INGEST_KEY_PREFIX + randomBytes(32).toString("base64url");
  return { key, hash: hashIngestKey(key), hint: key.slice(0, HINT_LENGTH) };
}

/**
 * A flow's ingest keys: created, listed, rotated and revoked with the edit link only, stored as
 * sha256 hashes and shown once. `verify` answers the ingest endpoint from a small cache, so a
 * busy sender costs no database read per request.
 */
export function ingestKeyService(repo: IngestKeysRepo, flows: FlowService, now: () => number = Date.now) {
  /**
   * Verified keys by the key itself, so a busy sender's key is not hashed again per request;
   * each answer made once (frozen) and handed out until `until`. Rotating or revoking a key
   * removes it here at once (on another server of a cluster, it expires within the TTL).
   */
  const verified = new Map<string, { key: Readonly<VerifiedKey>; until: number }>();
  const unknown = new Map<string, number>();
  const touched = new Map<string, number>();
  /** Counts rotations and revocations, so a lookup that raced one does not cache its answer. */
  let forgotten = 0;
  const forgetKey = (keyId: string) => {
    forgotten++;
    for (const [key, entry] of verified) if (entry.key.keyId === keyId) verified.delete(key);
  };
  /** The answer for a verified key; "last used" is a hint for people, written at most once a minute per key. */
  const used = (key: Readonly<VerifiedKey>, at: number): Readonly<VerifiedKey> => {
    if (at - (touched.get(key.keyId) ?? -Infinity) >= TOUCH_EVERY_MS) {
      touched.set(key.keyId, at);
      repo.touch(key.keyId, new Date(at)).catch(() => touched.delete(key.keyId));
    }
    return key;
  };
  const editable = async (ref: string) => {
    const found = await flows.authorize(ref, "edit");
    return found.ok ? success(found.value.row.id) : found;
  };

  return {
    async list(ref: string): Promise<ServiceResult<IngestKeySummary[]>> {
      const flowId = await editable(ref);
      if (!flowId.ok) return flowId;
      return success((await repo.list(flowId.value)).map(summary));
    },

    async create(ref: string, name: string): Promise<ServiceResult<IssuedIngestKey>> {
      const flowId = await editable(ref);
      if (!flowId.ok) return flowId;
      if ((await repo.count(flowId.value)) >= MAX_INGEST_KEYS_PER_FLOW)
        return failure(
          409,
          `A flow holds at most ${MAX_INGEST_KEYS_PER_FLOW} ingest keys: revoke one you no longer use`,
        );
      const issued = newKey();
      const row = await repo.create({
        id: randomBytes(9).toString("base64url"),
        flowId: flowId.value,
        name,
        hash: issued.hash,
        hint: issued.hint,
      });
      return success({ ...summary(row), key: issued.key });
    },

    /** A new secret for the key; the old one stops working at once. */
    async rotate(ref: string, keyId: string): Promise<ServiceResult<IssuedIngestKey>> {
      const flowId = await editable(ref);
      if (!flowId.ok) return flowId;
      const issued = newKey();
      const row = await repo.rotate(flowId.value, keyId, { hash: issued.hash, hint: issued.hint });
      if (!row) return failure(404, "No such ingest key on this flow: it may have been revoked");
      forgetKey(keyId);
      return success({ ...summary(row), key: issued.key });
    },

    async revoke(ref: string, keyId: string): Promise<ServiceResult<null>> {
      const flowId = await editable(ref);
      if (!flowId.ok) return flowId;
      const removed = await repo.remove(flowId.value, keyId);
      if (!removed) return failure(404, "No such ingest key on this flow: it may have been revoked");
      forgetKey(keyId);
      return success(null);
    },

    /**
     * The flow an ingest key belongs to; null for a key that does not exist (any more). Answered
     * synchronously from the cache (no promise per request on the hot path); a promise only when
     * the database is asked.
     */
    verify(key: string): Readonly<VerifiedKey> | null | Promise<Readonly<VerifiedKey> | null> {
      if (!looksLikeIngestKey(key)) return null;
      const at = now();
      const cached = verified.get(key);
      if (cached && cached.until > at) return used(cached.key, at);
      const hash = hashIngestKey(key);
      if ((unknown.get(hash) ?? 0) > at) return null;
      // Rotated or revoked since this lookup began: its answer must not be cached.
      const generation = forgotten;
      return repo.findByHash(hash).then((row) => {
        if (verified.size >= MAX_CACHED) verified.clear();
        if (unknown.size >= MAX_CACHED) unknown.clear();
        if (!row) {
          verified.delete(key);
          unknown.set(hash, at + VERIFIED_TTL_MS);
          return null;
        }
        const found = Object.freeze({ flowId: row.flowId, keyId: row.id });
        if (generation === forgotten) verified.set(key, { key: found, until: at + VERIFIED_TTL_MS });
        return used(found, at);
      });
    },
  };
}
export type IngestKeyService = ReturnType<typeof ingestKeyService>;
