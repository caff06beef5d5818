import { describe, expect, it } from "vitest";
import { handFrames } from "./hand-frames";
import { FRAME_BUDGET_MS, MAX_REST_MS, pacedFrames, type Stopwatch } from "./paced-frames";

/** A paced clock over frames drawn by hand and time moved by hand. */
function setUp() {
  const { frames, draw, waiting } = handFrames();
  let now = 0;
  const waits = new Map<number, { at: number; callback: () => void }>();
  let nextWait = 1;
  const drawn: (() => void)[] = [];
  const watch: Stopwatch = {
    now: () => now,
    wait: (ms, callback) => {
      const id = nextWait++;
      waits.set(id, { at: now + ms, callback });
      return () => waits.delete(id);
    },
    afterFrame: (callback) => drawn.push(callback),
  };
  /** Draws a frame whose work takes `costMs`. */
  const drawFrame = (costMs: number) => {
    draw();
    now += costMs;
    drawn.splice(0).forEach((callback) => callback());
  };
  /** Moves time on by `ms`, running the waits that end by then. */
  const pass = (ms: number) => {
    now += ms;
    for (const [id, wait] of [...waits]) {
      if (wait.at > now) continue;
      waits.delete(id);
      wait.callback();
    }
  };
  return { paced: pacedFrames(frames, watch), drawFrame, pass, waiting, waits };
}

describe("paced frames", () => {
  it("after cheap frames, ask for the next frame at once", () => {
    const { paced, drawFrame, waiting } = setUp();
    const ran: number[] = [];
    paced.request(() => ran.push(1));
    drawFrame(FRAME_BUDGET_MS);
    paced.request(() => ran.push(2));
    expect(waiting.size).toBe(1);
    drawFrame(5);
    expect(ran).toEqual([1, 2]);
  });

  it("after a costly frame, rest as long as it took before asking for the next", () => {
    const { paced, drawFrame, pass, waiting } = setUp();
    const ran: number[] = [];
    paced.request(() => ran.push(1));
    drawFrame(40);
    paced.request(() => ran.push(2));
    expect(waiting.size).toBe(0);
    pass(39);
    expect(waiting.size).toBe(0);
    pass(1);
    expect(waiting.size).toBe(1);
    drawFrame(10);
    expect(ran).toEqual([1, 2]);
    // That frame was cheap: no rest after it.
    paced.request(() => ran.push(3));
    expect(waiting.size).toBe(1);
  });

  it("rests at most MAX_REST_MS, however long the page was busy after a frame", () => {
    const { paced, drawFrame, pass, waiting } = setUp();
    paced.request(() => {});
    drawFrame(2000);
    paced.request(() => {});
    pass(MAX_REST_MS - 1);
    expect(waiting.size).toBe(0);
    pass(1);
    expect(waiting.size).toBe(1);
  });

  it("a request made late in the rest waits only for what is left of it", () => {
    const { paced, drawFrame, pass, waiting } = setUp();
    paced.request(() => {});
    drawFrame(30);
    pass(25);
    paced.request(() => {});
    pass(4);
    expect(waiting.size).toBe(0);
    pass(1);
    expect(waiting.size).toBe(1);
  });

  it("calls off a request while it rests and while it waits for its frame", () => {
    const { paced, drawFrame, pass, waiting, waits } = setUp();
    const ran: number[] = [];
    paced.request(() => {});
    drawFrame(50);
    const resting = paced.request(() => ran.push(1));
    expect(waits.size).toBe(1);
    paced.cancel(resting);
    expect(waits.size).toBe(0);
    pass(50);
    const framed = paced.request(() => ran.push(2));
    expect(waiting.size).toBe(1);
    paced.cancel(framed);
    expect(waiting.size).toBe(0);
    drawFrame(1);
    expect(ran).toEqual([]);
  });
});
