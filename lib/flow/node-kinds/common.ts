import * as z from "../../zod";
import { FLOW_LIMITS } from "../limits";

/** A short human string: trimmed length 1..200 unless a caller narrows it. */
export const ZShortText = z
  .string()
  .check(
    z.minLength(1, "must not be empty"),
    z.maxLength(FLOW_LIMITS.maxString, `must be at most ${FLOW_LIMITS.maxString} characters`),
  );

/** The kinds of node a flow can hold. */
export const NODE_KINDS = ["producer", "topic", "consumer"] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** The kinds of edge, each legal between exactly one pair of node kinds. */
export const EDGE_KINDS = ["publishes", "subscribes", "emits", "replies", "dead-letters"] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

/** One connection a node kind may start: an edge kind and the node kind it must end at. */
export interface OutgoingConnection {
  edge: EdgeKind;
  to: NodeKind;
}

/**
 * The data that declares a node kind: its config schema and defaults, the connections it
 * may start, and the words the interface shows for it.
 */
export interface NodeKindSpec<Config> {
  kind: NodeKind;
  title: string;
  hint: string;
  configSchema: z.ZodMiniType<Config>;
  defaults: () => Config;
  outgoing: readonly OutgoingConnection[];
}
