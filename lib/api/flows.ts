import * as z from "../zod";
import { FLOW_LIMITS } from "../flow/limits";
import type { FlowGraph } from "../flow/schema";
import type { FlowIssue } from "../flow/validate";
import type { ChangeSummary } from "../flow/change-summary";
import { OUTCOME_NAMES } from "../events/delivery";
import type { MetricsSnapshot, RunStatus } from "../realtime/protocol";
import { plainText } from "../text/plain-text";

/** The highest version number a flow can reach (SQLite's and Prisma's 32-bit Int). */
export const MAX_VERSION = 2_147_483_647;

/** The largest request body the API reads; larger ones get 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

export const ZFlowName = plainText(
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1, "must not be empty"),
      z.maxLength(FLOW_LIMITS.maxFlowName, `must be at most ${FLOW_LIMITS.maxFlowName} characters`),
    ),
);

/** POST /api/flows. The graph is checked by readGraph, not here, so its issues have paths. */
export const ZCreateFlowBody = z.strictObject({
  name: z.optional(ZFlowName),
  graph: z.optional(z.unknown()),
});

/** PUT /api/flows/:id: a new version based on `baseVersion`; name, graph or both. */
export const ZUpdateFlowBody = z
  .strictObject({
    name: z.optional(ZFlowName),
    graph: z.optional(z.unknown()),
    baseVersion: z.number().check(z.int(), z.gte(1), z.lte(MAX_VERSION)),
  })
  .check(
    z.refine((b: { name?: string; graph?: unknown }) => b.name !== undefined || b.graph !== undefined, {
      message: "send a name, a graph or both",
      path: ["graph"],
    }),
  );

/** A version number in a path or query: digits only, 1 to MAX_VERSION. */
export const ZVersionNumber = z.pipe(
  z.pipe(
    z.string().check(z.regex(/^[0-9]{1,10}$/, `must be a whole number from 1 to ${MAX_VERSION}`)),
    z.transform(Number),
  ),
  z
    .number()
    .check(z.int(), z.gte(1, "must be at least 1"), z.lte(MAX_VERSION, `must be at most ${MAX_VERSION}`)),
);

export const ZRevisionQuery = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 20),
  before: z.optional(z.coerce.number().check(z.int(), z.gte(2), z.lte(MAX_VERSION))),
});

/**
 * A flow as the API returns it. `id` is the reference it was reached by: the flow's own id
 * (access "edit") or, through a read-only link, the view token (access "view"), so a viewer
 * never learns the edit id. `issues` are the current validation warnings (or errors of a
 * stored graph that no longer validates).
 */
export interface FlowRecord {
  id: string;
  access: "edit" | "view";
  name: string;
  version: number;
  graph: FlowGraph;
  issues: FlowIssue[];
  createdAt: string;
  updatedAt: string;
}

export interface RevisionSummary {
  version: number;
  name: string;
  /** The name a person gave this version, if any. */
  label: string | null;
  /** Who edited in the stretch this version closes ("API" for REST saves, "Restore" for restores). */
  editors: string[];
  createdAt: string;
  nodeCount: number;
  edgeCount: number;
  /** What changed since the revision kept before it; null when none is kept (the first one). */
  changes: ChangeSummary | null;
  /** The flow's name before, when this version renamed it. */
  renamedFrom: string | null;
}

/** A name for a version ("Before Black Friday"): plain text, 1 to 80 characters. */
export const MAX_VERSION_LABEL = 80;
export const ZNameVersionBody = z.strictObject({
  label: plainText(
    z
      .string()
      .check(
        z.trim(),
        z.minLength(1, "must not be empty"),
        z.maxLength(MAX_VERSION_LABEL, `must be at most ${MAX_VERSION_LABEL} characters`),
      ),
  ),
});

export interface RevisionPage {
  revisions: RevisionSummary[];
  /** Pass as `before` to get the next (older) page; null on the last page. */
  nextBefore: number | null;
}

/** GET /api/flows/:id/events: the inspector's filter, as query parameters. */
export const ZRecordedEventsQuery = z.strictObject({
  nodeId: z._default(z.string().check(z.maxLength(64)), ""),
  topic: z._default(z.string().check(z.maxLength(80)), ""),
  group: z._default(z.string().check(z.maxLength(200)), ""),
  outcome: z._default(z.enum([...OUTCOME_NAMES, ""]), ""),
  text: z._default(z.string().check(z.maxLength(200)), ""),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100_000)), 10_000),
});

/** POST /api/flows/:id/view-link: the new read-only link (the old one stops working). */
export interface ViewLink {
  token: string;
  /** Path of the read-only view, e.g. /s/AbC… */
  path: string;
}

/** GET /api/flows/:id/run: the run's status, and its metrics while it has run. */
export interface RunView {
  status: RunStatus;
  metrics: MetricsSnapshot | null;
}

/** Every error body of the API. */
export interface ApiError {
  error: string;
  issues?: { path: string; message: string }[];
  /** For a batch of events: the index of each refused item. */
  items?: number[];
  /** On 409: the flow as it is now. */
  current?: FlowRecord;
}
