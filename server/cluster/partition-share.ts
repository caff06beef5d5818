/**
 * Which partitions this server reads of a run whose consumer groups spread over the servers of
 * a cluster. Partition p goes to the (p mod n)-th of the n servers taking part, in name order:
 * every server works out the same split from the same list, and each partition has one reader
 * at a time, so the order within a partition holds.
 */
export class PartitionShare {
  private index = 0;
  private count = 1;
  private servers: string[];

  constructor(readonly server: string) {
    this.servers = [server];
  }

  /** The servers taking part now; this one always counts. True when the split changed. */
  setMembers(servers: readonly string[]): boolean {
    const next = [...new Set([...servers, this.server])].sort();
    if (next.join("\n") === this.servers.join("\n")) return false;
    this.servers = next;
    this.index = next.indexOf(this.server);
    this.count = next.length;
    return true;
  }

  members(): readonly string[] {
    return this.servers;
  }

  /** Whether this server reads `partition` now (asked before every read from the broker). */
  readonly reads = (partition: number): boolean => partition % this.count === this.index;
}
