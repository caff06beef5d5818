import { config } from "zod/v4/core";

// Runs in the browser before the app's code (Next's instrumentation-client). Zod compiles
// object parsers with `new Function` unless told not to, and merely testing whether that is
// allowed is a violation of the Content Security Policy (no 'unsafe-eval'): parse without it.
// Only the core's `config` is imported (it sets the one global configuration every zod entry
// reads), so pages that never parse, like the home page, do not load zod's schema classes.
config({ jitless: true });
