import { z } from "zod";
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
    .trim()
    .min(1, "must not be empty")
    .max(FLOW_LIMITS.maxFlowName, `must be at most ${FLOW_LIMITS.maxFlowName} characters`),
);

/** POST /api/flows. The graph is checked by readGraph, not here, so its issues have paths. */
export const ZCreateFlowBody = z.strictObject({ name: ZFlowName.optional(), graph: z.unknown().optional() });

/** PUT /api/flows/:id: a new version based on `baseVersion`; name, graph or both. */
export const ZUpdateFlowBody = z
  .strictObject({
    name: ZFlowName.optional(),
    graph: z.unknown().optional(),
    baseVersion: z.number().int().min(1).max(MAX_VERSION),
  })
  .refine((b) => b.name !== undefined || b.graph !== undefined, {
    message: "send a name, a graph or both",
    path: ["graph"],
  });

/** A version number in a path or query: digits only, 1 to MAX_VERSION. */
export const ZVersionNumber = z
  .string()
  .regex(/^[0-9]{1,10}$/, `must be a whole number from 1 to ${MAX_VERSION}`)
  .transform(Number)
  .pipe(z.number().int().min(1, "must be at least 1").max(MAX_VERSION, `must be at most ${MAX_VERSION}`));

export const ZRevisionQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: z.coerce.number().int().min(2).max(MAX_VERSION).optional(),
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
      .trim()
      .min(1, "must not be empty")
      .max(MAX_VERSION_LABEL, `must be at most ${MAX_VERSION_LABEL} characters`),
  ),
});

export interface RevisionPage {
  revisions: RevisionSummary[];
  /** Pass as `before` to get the next (older) page; null on the last page. */
  nextBefore: number | null;
}

/** GET /api/flows/:id/events: the inspector's filter, as query parameters. */
export const ZRecordedEventsQuery = z.strictObject({
  nodeId: z.string().max(64).default(""),
  topic: z.string().max(80).default(""),
  group: z.string().max(200).default(""),
  outcome: z.enum([...OUTCOME_NAMES, ""]).default(""),
  text: z.string().max(200).default(""),
  limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
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
