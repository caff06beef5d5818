import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The abuse suite: attacks against the real server in a child process (server/abuse), and the
// whole server killed mid-flight on real brokers (server/brokers). Run by `npm test` after the
// build, one file at a time so attacks never compete for the machine.
export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    include: ["server/abuse/**/*.abuse.ts", "server/brokers/**/*.abuse.ts"],
    environment: "node",
    pool: "forks",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
