import type { Faker } from "@faker-js/faker";

// Faker's own range rules for numbers (faker 10, NumberModule.int/float): the only way a
// placeholder's arguments can make a render fail. trial-faker.test.ts checks that this
// stand-in refuses exactly what faker refuses.
function int({ min = 0, max = 2 ** 53 - 1 }: { min?: number; max?: number }): number {
  const low = Math.ceil(min);
  const high = Math.floor(max);
  if (low === high) return low;
  if (high < low)
    throw new Error(
      max >= min
        ? `No suitable integer value between ${min} and ${max} found.`
        : `Max ${max} should be greater than min ${min}.`,
    );
  return low;
}

function float({
  min = 0,
  max = 1,
  fractionDigits,
}: {
  min?: number;
  max?: number;
  fractionDigits?: number;
}) {
  if (max < min) throw new Error(`Max ${max} should be greater than min ${min}.`);
  if (fractionDigits === undefined) return min;
  const factor = 10 ** fractionDigits;
  return int({ min: min * factor, max: max * factor }) / factor;
}

const TRIAL = {
  string: {
    uuid: () => "00000000-0000-4000-8000-000000000000",
    alphanumeric: ({ length = 1 }: { length?: number } = {}) => "a".repeat(length),
  },
  number: { int, float },
  helpers: { arrayElement: <T>(items: readonly T[]) => items[0] },
  datatype: { boolean: () => true },
  person: { fullName: () => "Ada Lovelace" },
  internet: { email: () => "ada.lovelace@example.com" },
  location: { city: () => "Springfield", countryCode: () => "GB" },
  commerce: { productName: () => "Handmade Steel Chair" },
  lorem: { word: () => "lorem", sentence: () => "Lorem ipsum dolor sit amet." },
  seed: () => 0,
};

/**
 * A stand-in for faker that checks a payload template renders, with no faker code or data
 * (faker with its English data is about 150 KB gzipped, too much for a check the designer runs
 * on every edit). Whether filled-in text is JSON does not depend on the values, only on their
 * JSON types, which match faker's, and on the number ranges, which fail as faker's do.
 */
export function trialFaker(): Faker {
  // Only what FAKE_VALUES uses is here; trial-faker.test.ts renders every placeholder with it.
  return TRIAL as unknown as Faker;
}
