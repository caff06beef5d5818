// Finds a Chromium for Playwright, in this order: $CHROMIUM_PATH, /usr/bin/chromium,
// Playwright's own download. When none is there it tries to get one (Playwright's installer,
// then Debian's package when running as root) and otherwise says what to install.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

function playwrightsOwn() {
  try {
    const result = spawnSync(
      process.execPath,
      ["-e", "process.stdout.write(require('playwright-core').chromium.executablePath())"],
      { encoding: "utf8" },
    );
    const path = result.stdout.trim();
    return path && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function look() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    console.error(`CHROMIUM_PATH=${fromEnv} does not exist: point it at a Chromium binary or unset it.`);
    process.exit(1);
  }
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  return playwrightsOwn();
}

/** The path of a Chromium binary, fetching one if needed; exits with one clear line if it cannot. */
export function findChromium({ install = true } = {}) {
  const found = look();
  if (found || !install) return found;
  console.log("No Chromium found: trying Playwright's installer…");
  spawnSync(process.execPath, ["node_modules/playwright-core/cli.js", "install", "chromium"], {
    stdio: "inherit",
    timeout: 300_000,
  });
  const own = playwrightsOwn();
  if (own) return own;
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    console.log("Playwright's download is not reachable: installing Debian's chromium package…");
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  }
  console.error(
    "No Chromium for the end-to-end tests: install one (Debian: `sudo apt-get install chromium`) or set CHROMIUM_PATH to its binary.",
  );
  process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(findChromium());
