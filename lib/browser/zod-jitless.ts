/** Zod's one global configuration, which every zod entry point reads from this key of globalThis. */
type ZodGlobalConfig = { jitless?: boolean };
const holder = globalThis as typeof globalThis & { __zod_globalConfig?: ZodGlobalConfig };

/**
 * Tells zod to parse without `new Function`, whether zod is loaded yet or not, without loading
 * it. Zod compiles object parsers with `new Function` unless told not to, and merely testing
 * whether that is allowed is a violation of the Content Security Policy (no 'unsafe-eval').
 * Setting zod's global object directly (the object `config()` returns) instead of calling
 * `config` keeps zod out of pages that never parse, like the home page.
 */
export function parseWithoutCompiling(): void {
  holder.__zod_globalConfig ??= {};
  holder.__zod_globalConfig.jitless = true;
}
