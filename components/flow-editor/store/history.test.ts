import { describe, expect, it } from "vitest";
import { HISTORY_LIMIT, emptyHistory, record, redo, undo } from "./history";

describe("undo history", () => {
  it("undoes and redoes in order, and a new change forgets the redo branch", () => {
    let h = record(record(emptyHistory<string>(), "a"), "b");
    let present = "c";
    const back = undo(h, present)!;
    expect(back.present).toBe("b");
    const back2 = undo(back.history, back.present)!;
    expect(back2.present).toBe("a");
    const forward = redo(back2.history, back2.present)!;
    expect(forward.present).toBe("b");
    h = record(forward.history, forward.present);
    present = "d";
    expect(h.future).toEqual([]);
    expect(redo(h, present)).toBeNull();
    expect(undo(h, present)!.present).toBe("b");
  });

  it("returns null when there is nothing to undo or redo", () => {
    expect(undo(emptyHistory<number>(), 1)).toBeNull();
    expect(redo(emptyHistory<number>(), 1)).toBeNull();
  });

  it(`keeps at most ${HISTORY_LIMIT} steps, dropping the oldest`, () => {
    let h = emptyHistory<number>();
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) h = record(h, i);
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]).toBe(5);
  });
});
