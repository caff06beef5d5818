// Test-only: the official AsyncAPI parser (a dev dependency). Runtime code must not import this.
import { Parser } from "@asyncapi/parser";

const parser = new Parser();

/**
 * Errors and warnings of the official parser (its `info` and `hint` diagnostics, such as "3.1.0
 * is out", are left out). The document refers only to itself, so nothing is fetched.
 */
export async function officialProblems(document: string | object): Promise<string[]> {
  const input = typeof document === "string" ? document : JSON.stringify(document);
  const { diagnostics } = await parser.parse(input);
  return diagnostics
    .filter((d) => d.severity <= 1)
    .map((d) => `${d.path.join(".")}: ${d.code}: ${d.message}`);
}
