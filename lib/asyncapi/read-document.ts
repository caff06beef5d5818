import { parse as parseYaml } from "yaml";
import { isObject, type Json } from "./refs";

export type ReadDocument = { ok: true; doc: Json } | { ok: false; message: string };

/**
 * Reads an AsyncAPI document given as JSON text, YAML text or an object, and checks that it
 * is AsyncAPI 3.x (2.x documents have publish/subscribe, which mean the opposite to many).
 */
export function readAsyncApiDocument(input: string | object): ReadDocument {
  let doc: unknown = input;
  if (typeof input === "string") {
    try {
      // YAML 1.2 is a superset of JSON, so one parser reads both.
      doc = parseYaml(input, { maxAliasCount: 1000 });
    } catch (error) {
      return { ok: false, message: `not JSON or YAML: ${(error as Error).message}` };
    }
  }
  if (!isObject(doc)) return { ok: false, message: "an AsyncAPI document must be an object" };
  const version = doc.asyncapi;
  if (typeof version !== "string")
    return { ok: false, message: "no 'asyncapi' version field: is this an AsyncAPI document?" };
  if (!/^3\.\d+\.\d+$/.test(version))
    return {
      ok: false,
      message: `AsyncAPI ${version} is not supported: convert it to 3.0 first (e.g. with the AsyncAPI CLI's convert command)`,
    };
  return { ok: true, doc: structuredClone(doc) };
}
