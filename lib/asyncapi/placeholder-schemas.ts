import { FAKE_VALUES, seededFaker } from "@/lib/events";
import type { JsonSchema } from "./types";

const num = (text: string | undefined, fallback: number) => {
  const n = Number(text);
  return text !== undefined && text !== "" && Number.isFinite(n) ? n : fallback;
};
const code = (prefix: string) => ({ type: "string", pattern: `^${prefix}_[a-z0-9]{10}$` });

/**
 * The JSON Schema of each placeholder's values, written to match FAKE_VALUES (a test renders
 * every placeholder and checks its value against the schema here).
 */
const FIXED: Record<string, JsonSchema> = {
  uuid: { type: "string", format: "uuid" },
  seq: { type: "integer", minimum: 1 },
  timestamp: { type: "string", format: "date-time" },
  epochMs: { type: "integer", minimum: 0 },
  orderId: code("ord"),
  customerId: code("cus"),
  productId: code("prd"),
  sku: { type: "string", pattern: "^SKU-[0-9]{5}$" },
  quantity: { type: "integer", minimum: 1, maximum: 5 },
  price: { type: "number", minimum: 1, maximum: 500 },
  currency: { type: "string", enum: ["USD", "EUR", "GBP"] },
  email: { type: "string", format: "email" },
  name: { type: "string" },
  city: { type: "string" },
  country: { type: "string", pattern: "^[A-Z]{2}$" },
  product: { type: "string" },
  sensorId: { type: "string", pattern: "^sensor-[0-9]+$" },
  temperature: { type: "number", minimum: -10, maximum: 40 },
  humidity: { type: "integer", minimum: 20, maximum: 100 },
  bool: { type: "boolean" },
  word: { type: "string" },
  sentence: { type: "string" },
};

/** Type of a sample value, for placeholders added to FAKE_VALUES after this catalogue. */
function sampleType(name: string, args: string[]): JsonSchema {
  const value = FAKE_VALUES[name]?.generate({ faker: seededFaker(1), nowMs: 0, seq: 1 }, args);
  if (typeof value === "number") return { type: Number.isInteger(value) ? "integer" : "number" };
  if (typeof value === "boolean") return { type: "boolean" };
  if (typeof value === "string") return { type: "string" };
  return {};
}

/** The schema of the values `{{name:args}}` renders to. */
export function placeholderSchema(name: string, args: string[]): JsonSchema {
  if (name === "int") return { type: "integer", minimum: num(args[0], 0), maximum: num(args[1], 100) };
  if (name === "float") return { type: "number", minimum: num(args[0], 0), maximum: num(args[1], 1) };
  if (name === "pick") return { type: "string", enum: [...new Set((args[0] ?? "").split("|"))] };
  const fixed = FIXED[name];
  return fixed ? structuredClone(fixed) : sampleType(name, args);
}
