// `npm start`: builds the app when the build is missing or stale, then serves it with the
// custom server (Next + Socket.IO on one port; migrations are applied at start).
import { spawn } from "node:child_process";
import { buildIfStale } from "./build-if-stale.mjs";

buildIfStale();
const env = { NODE_ENV: "production", ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const server = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "server/main.ts"], {
  stdio: "inherit",
  env,
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
