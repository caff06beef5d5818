/**
 * Why an append of a run was not written: its server no longer owns the run (a cluster's lease
 * ran out, say while the server was paused). The new owner runs it; this one publishes nothing.
 */
export const FENCED = "fenced: this server no longer owns the run";

/**
 * Whether this server may still publish for a run. `holds` is asked before each batch; where a
 * broker can check a condition as it writes (Redis: in the same script as the appends), it
 * checks `stored` too, so a server paused between its own check and the write (its batch
 * already queued on the connection) cannot land the batch once another server took the run.
 */
export interface PublishFence {
  holds(): boolean;
  /** In the Redis the brokers use: `key` holds `value` while this server holds the run. */
  stored?: { key: string; value: string };
}
