/** Chromium flags for these machines: root needs --no-sandbox; the network is closed. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Launch options for Playwright: the Chromium that scripts/find-chromium.mjs chose. */
export function chromiumLaunchOptions() {
  return { executablePath: process.env.CHROMIUM_PATH || undefined, args: CHROMIUM_ARGS };
}
