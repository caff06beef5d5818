import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./e2e/launch-options";

// scripts/test.mjs picks a free port, a fresh database and the Chromium binary, and passes
// them in the environment; these defaults serve a plain `npx playwright test`.
const port = Number(process.env.E2E_PORT ?? 3100);
const database =
  process.env.E2E_DATABASE_URL ?? `file:${join(tmpdir(), `eventloom-e2e-${port}`, "eventloom.db")}`;

export default defineConfig({
  testDir: "./e2e",
  // One folder per run (by port), so runs side by side never trip over each other's traces.
  outputDir: join(tmpdir(), `eventloom-test-results-${port}`),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: chromiumLaunchOptions(),
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1440, height: 900 },
        launchOptions: chromiumLaunchOptions(),
      },
    },
  ],
  webServer: {
    command: "node node_modules/tsx/dist/cli.mjs server/main.ts",
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: database,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "error",
      // The webhook specs deliver to a receiver the test starts on loopback.
      WEBHOOK_ALLOW_HOSTS: "127.0.0.1",
      // The machines this project runs on (CI's included) run Redis and NATS on loopback.
      REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
      NATS_URL: process.env.NATS_URL ?? "nats://127.0.0.1:4222",
    },
  },
});
