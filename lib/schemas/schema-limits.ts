/** Bounds on a topic's JSON Schema: its text, its nesting, and what its checks may cost. */
export const TOPIC_SCHEMA_LIMITS = {
  /** A node of a shared flow is at most 24 KB, so its schema stays well under that. */
  maxChars: 16 * 1024,
  maxDepth: 32,
  /** Violations listed per event; the count says how many there were. */
  maxListed: 20,
} as const;
