// Outside a browser the checker is at hand (package.json "imports" maps this to topic-schema.ts);
// a browser gets topic-schema.browser.ts instead and fetches the checker when a topic has a schema.
import { compileTopicSchema } from "#topic-schema-checker";
import type { CompiledSchema } from "./topic-schema";

type Compile = (text: string) => CompiledSchema;
const atHand: Compile | undefined = compileTopicSchema;
let fetched: Compile | undefined;
const compiler = () => atHand ?? fetched;

/** Whether the topic schema checker is loaded (always outside a browser; in one once fetched). */
export const topicSchemaCheckerLoaded = (): boolean => compiler() !== undefined;

/**
 * Fetches the topic schema checker (the bounds, RE2 and a JSON Schema interpreter: about 50 KB
 * the browser needs only when a topic has a schema); settles once it is here.
 */
export const loadTopicSchemaChecker = (): Promise<void> =>
  import("./topic-schema").then((module) => {
    fetched = module.compileTopicSchema;
  });

/** Whether any topic of the graph has a schema, that is whether checking the graph needs the checker. */
export const hasTopicSchema = (nodes: readonly { kind: string; config: unknown }[]): boolean =>
  nodes.some((n) => n.kind === "topic" && !!(n.config as { schema?: string }).schema?.trim());

/**
 * Why a topic's schema text cannot be used (undefined when it can, or when it is empty). In a
 * browser, callers load the checker first (`loadTopicSchemaChecker`) when a topic has a schema;
 * until it is here the text is not checked.
 */
export function topicSchemaProblem(text: string): string | undefined {
  const compile = compiler();
  if (text.trim() === "" || !compile) return undefined;
  const compiled = compile(text);
  return compiled.ok ? undefined : compiled.message;
}
