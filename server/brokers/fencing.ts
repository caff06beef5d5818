/**
 * Why an append of a run was not written: its server no longer owns the run (a cluster's lease
 * ran out, say while the server was paused). The new owner runs it; this one publishes nothing.
 */
export const FENCED = "fenced: this server no longer owns the run";
