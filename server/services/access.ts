import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { FlowsRepo, StoredFlow } from "../db/flows-repo";

/**
 * Who may do what with a flow. A flow is reached by a reference: its id (22 characters, the
 * capability to edit and run it) or a view token (32 characters, read-only: see the flow and
 * watch its run). Tokens are stored only as sha256 hashes and compared in constant time.
 */
export type Access = "view" | "edit";

const FLOW_ID = /^[A-Za-z0-9_-]{22}$/;
const VIEW_TOKEN = /^[A-Za-z0-9_-]{32}$/;

export interface ResolvedRef {
  row: StoredFlow;
  access: Access;
}

/** 24 random bytes (192 bits) as 32 URL-safe characters. */
export function newViewToken(): string {
  return randomBytes(24).toString("base64url");
}

export function hashViewToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Finds the flow a reference names and the access it grants; null when it names none. */
export async function resolveRef(repo: FlowsRepo, ref: string): Promise<ResolvedRef | null> {
  if (FLOW_ID.test(ref)) {
    const row = await repo.find(ref);
    return row ? { row, access: "edit" } : null;
  }
  if (!VIEW_TOKEN.test(ref)) return null;
  const hash = hashViewToken(ref);
  const row = await repo.findByViewTokenHash(hash);
  // The lookup is by hash; the comparison below keeps the final check constant-time too.
  if (
    !row?.viewTokenHash ||
    !timingSafeEqual(Buffer.from(row.viewTokenHash, "hex"), Buffer.from(hash, "hex"))
  )
    return null;
  return { row, access: "view" };
}

export const isViewToken = (ref: string) => VIEW_TOKEN.test(ref);

/** The shapes of flow references (edit id, view token), so that neither is ever taken for another credential. */
export const FLOW_REF_SHAPES: readonly RegExp[] = [FLOW_ID, VIEW_TOKEN];
