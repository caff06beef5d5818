import { describe, expect, it } from "vitest";
import { FAKE_VALUES } from "./fake-values";
import { seededFaker } from "./faker";
import { trialFaker } from "./trial-faker";

const context = (faker: ReturnType<typeof trialFaker>) => ({ faker, nowMs: Date.UTC(2025, 0, 1), seq: 1 });

describe("the trial faker", () => {
  it("renders every placeholder to a value of the same JSON type as the real faker", () => {
    const trial = context(trialFaker());
    const real = context(seededFaker(1));
    for (const [name, value] of Object.entries(FAKE_VALUES)) {
      const made = value.generate(trial, []);
      expect(made, name).not.toBeUndefined();
      expect(typeof made, name).toBe(typeof value.generate(real, []));
    }
  });

  it("refuses exactly the number ranges the real faker refuses, with its words", () => {
    const outcome = (run: () => unknown) => {
      try {
        run();
        return "renders";
      } catch (error) {
        return (error as Error).message;
      }
    };
    const ranges = [
      ["5", "1"],
      ["1.2", "1.8"],
      ["3", "3"],
      ["-1", "1"],
      ["0.001", "0.002"],
      ["0.001", "0.01"],
      ["9", "2"],
      ["-5.5", "-5.4"],
      ["1e300", "1e300"],
      ["", "x"],
    ];
    for (const name of ["int", "float"])
      for (const args of ranges) {
        const real = outcome(() => FAKE_VALUES[name].generate(context(seededFaker(1)), [...args]));
        const trial = outcome(() => FAKE_VALUES[name].generate(context(trialFaker()), [...args]));
        expect(trial, `{{${name}:${args.join(":")}}}`).toBe(real === "renders" ? "renders" : real);
      }
    expect(FAKE_VALUES.int.generate(context(trialFaker()), ["3", "3"])).toBe(3);
  });
});
