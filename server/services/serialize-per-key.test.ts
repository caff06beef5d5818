import { describe, expect, it } from "vitest";
import { serializePerKey } from "./serialize-per-key";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("serializePerKey", () => {
  it("runs the tasks of one key one after another, in order", async () => {
    const serial = serializePerKey();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([
      serial("a", task("1")),
      serial("a", task("2")),
      serial("a", task("3")),
    ]);
    expect(results).toEqual(["1", "2", "3"]);
    expect(log).toEqual(["1 start", "1 end", "2 start", "2 end", "3 start", "3 end"]);
  });

  it("runs tasks of different keys side by side", async () => {
    const serial = serializePerKey();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
    };
    await Promise.all([serial("a", task("a")), serial("b", task("b"))]);
    expect(log.slice(0, 2)).toEqual(["a start", "b start"]);
  });

  it("goes on with the next task after one fails, and passes the failure to its caller", async () => {
    const serial = serializePerKey();
    const failed = serial("a", async () => {
      throw new Error("boom");
    });
    const next = serial("a", async () => "after");
    await expect(failed).rejects.toThrow("boom");
    await expect(next).resolves.toBe("after");
  });
});
