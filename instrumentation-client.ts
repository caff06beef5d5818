import { parseWithoutCompiling } from "@/lib/browser/zod-jitless";

// Runs in the browser before the app's code (Next's instrumentation-client): zod parses
// without `new Function`, which the Content Security Policy (no 'unsafe-eval') forbids. Zod
// itself is not loaded here, so pages that never parse, like the home page, do without it.
parseWithoutCompiling();
