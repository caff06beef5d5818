import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The cluster suite: three real servers (production build) as child processes sharing the local
// PostgreSQL and Redis, killed and paused by the tests (server/cluster/harness). Run by
// `npm test` after the build, one file at a time.
export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    include: ["server/cluster/harness/**/*.cluster.ts"],
    environment: "node",
    pool: "forks",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
