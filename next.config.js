// The Next.js configuration, plain JavaScript typed with JSDoc so that `next` loads it
// without a TypeScript step.

/** @type {import("next").NextConfig} */
const config = {
  // A separate build folder lets two checkouts of work (or two engineers) build side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Loaded from node_modules, not bundled: the native SQLite driver and Prisma, and Yjs with its
  // helpers (the custom server imports them too, and a second copy of Yjs breaks its constructor checks).
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/client",
    "prisma",
    "yjs",
    "y-protocols",
    "lib0",
  ],
  // Source maps for the browser's scripts only in bench:weight's own build (BENCH_WEIGHT_PACKAGES=1),
  // which reads them to say which packages a page's weight comes from.
  productionBrowserSourceMaps: process.env.BROWSER_SOURCE_MAPS === "1",
  poweredByHeader: false,
  typedRoutes: false,
  // `npm test` runs `tsc --noEmit` over the whole project itself; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  turbopack: {
    // The browser bundle gets no polyfill for Node's Buffer: see lib/browser/no-buffer.ts.
    resolveAlias: { "next/dist/compiled/buffer": { browser: "./lib/browser/no-buffer.ts" } },
  },
};

export default config;
