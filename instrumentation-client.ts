import { z } from "zod";

// Runs in the browser before the app's code (Next's instrumentation-client). Zod compiles
// object parsers with `new Function` unless told not to, and merely testing whether that is
// allowed is a violation of the Content Security Policy (no 'unsafe-eval'): parse without it.
z.config({ jitless: true });
