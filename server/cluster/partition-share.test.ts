import { describe, expect, it } from "vitest";
import { PartitionShare } from "./partition-share";

const split = (share: PartitionShare, partitions: number) =>
  Array.from({ length: partitions }, (_, p) => p).filter(share.reads);

describe("PartitionShare", () => {
  it("reads every partition while this server is alone", () => {
    expect(split(new PartitionShare("b"), 4)).toEqual([0, 1, 2, 3]);
  });

  it("gives each partition to exactly one server, the same split on every server", () => {
    const names = ["c", "a", "b"];
    const shares = names.map((name) => new PartitionShare(name));
    for (const share of shares) share.setMembers(names);
    expect(split(shares[1], 7)).toEqual([0, 3, 6]); // a
    expect(split(shares[2], 7)).toEqual([1, 4]); // b
    expect(split(shares[0], 7)).toEqual([2, 5]); // c
  });

  it("counts itself even when the list has not caught up, and says when the split changed", () => {
    const share = new PartitionShare("b");
    expect(share.setMembers(["a"])).toBe(true);
    expect(share.members()).toEqual(["a", "b"]);
    expect(split(share, 4)).toEqual([1, 3]);
    expect(share.setMembers(["b", "a", "a"])).toBe(false);
    expect(share.setMembers([])).toBe(true);
    expect(split(share, 4)).toEqual([0, 1, 2, 3]);
  });
});
