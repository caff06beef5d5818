import type { Faker } from "@faker-js/faker";

/** What a placeholder generator can draw on: seeded fake data, the event's time and number. */
export interface FakeContext {
  faker: Faker;
  nowMs: number;
  /** 1 for the producer's first event, 2 for the next, … */
  seq: number;
}

type Generator = (ctx: FakeContext, args: string[]) => unknown;

const num = (text: string | undefined, fallback: number) => {
  const n = Number(text);
  return text !== undefined && text !== "" && Number.isFinite(n) ? n : fallback;
};
const code = (ctx: FakeContext, prefix: string) =>
  `${prefix}_${ctx.faker.string.alphanumeric({ length: 10, casing: "lower" })}`;

/**
 * The placeholders a payload template may use, as `{{name}}` or `{{name:arg:arg}}`.
 * Named for the order and sensor examples of event-driven architecture.
 */
export const FAKE_VALUES: Record<string, { hint: string; generate: Generator }> = {
  uuid: { hint: "a random UUID", generate: (c) => c.faker.string.uuid() },
  seq: { hint: "1, 2, 3 … per producer", generate: (c) => c.seq },
  timestamp: { hint: "the event time, ISO 8601", generate: (c) => new Date(c.nowMs).toISOString() },
  epochMs: { hint: "the event time in ms since 1970", generate: (c) => c.nowMs },
  orderId: { hint: "ord_ and 10 characters", generate: (c) => code(c, "ord") },
  customerId: { hint: "cus_ and 10 characters", generate: (c) => code(c, "cus") },
  productId: { hint: "prd_ and 10 characters", generate: (c) => code(c, "prd") },
  sku: {
    hint: "a stock-keeping unit like SKU-48213",
    generate: (c) => `SKU-${c.faker.number.int({ min: 10000, max: 99999 })}`,
  },
  quantity: { hint: "a whole number 1–5", generate: (c) => c.faker.number.int({ min: 1, max: 5 }) },
  price: {
    hint: "an amount 1.00–500.00",
    generate: (c) => c.faker.number.float({ min: 1, max: 500, fractionDigits: 2 }),
  },
  currency: { hint: "USD, EUR or GBP", generate: (c) => c.faker.helpers.arrayElement(["USD", "EUR", "GBP"]) },
  email: { hint: "an e-mail address", generate: (c) => c.faker.internet.email().toLowerCase() },
  name: { hint: "a person's full name", generate: (c) => c.faker.person.fullName() },
  city: { hint: "a city", generate: (c) => c.faker.location.city() },
  country: { hint: "a country code", generate: (c) => c.faker.location.countryCode() },
  product: { hint: "a product name", generate: (c) => c.faker.commerce.productName() },
  sensorId: {
    hint: "sensor-1 … sensor-20",
    generate: (c) => `sensor-${c.faker.number.int({ min: 1, max: 20 })}`,
  },
  temperature: {
    hint: "°C, −10.0–40.0",
    generate: (c) => c.faker.number.float({ min: -10, max: 40, fractionDigits: 1 }),
  },
  humidity: { hint: "%, 20–100", generate: (c) => c.faker.number.int({ min: 20, max: 100 }) },
  bool: { hint: "true or false", generate: (c) => c.faker.datatype.boolean() },
  word: { hint: "a word", generate: (c) => c.faker.lorem.word() },
  sentence: { hint: "a short sentence", generate: (c) => c.faker.lorem.sentence({ min: 3, max: 8 }) },
  int: {
    hint: "int:MIN:MAX, a whole number",
    generate: (c, a) => c.faker.number.int({ min: num(a[0], 0), max: num(a[1], 100) }),
  },
  float: {
    hint: "float:MIN:MAX, two decimals",
    generate: (c, a) => c.faker.number.float({ min: num(a[0], 0), max: num(a[1], 1), fractionDigits: 2 }),
  },
  pick: {
    hint: "pick:a|b|c, one of the choices",
    generate: (c, a) => c.faker.helpers.arrayElement((a[0] ?? "").split("|")),
  },
};
