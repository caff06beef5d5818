import { createServer } from "node:http";
import next from "next";
import { Server as SocketServer } from "socket.io";
import { env, sqlitePath } from "./env";
import { applyMigrations } from "./db/migrate";
import { appVersion } from "./version";

/**
 * The custom server: Next.js and Socket.IO on one port. Wiring only: the use cases live in
 * server/services, the realtime channel in server/gateway.
 */
async function main() {
  const config = env();
  const dev = process.argv.includes("--dev");
  const applied = applyMigrations(sqlitePath(config.DATABASE_URL));
  if (applied.length > 0 && config.LOG_LEVEL !== "silent") console.log(`Applied migrations: ${applied.join(", ")}`);

  const app = next({ dev, hostname: config.HOST, port: config.PORT, dir: process.cwd() });
  const handle = app.getRequestHandler();
  await app.prepare();

  const http = createServer((req, res) => void handle(req, res));
  const io = new SocketServer(http, { serveClient: false, maxHttpBufferSize: 1024 * 1024 });
  io.on("connection", (socket) => socket.emit("hello", { version: appVersion }));

  http.listen(config.PORT, config.HOST, () => {
    const address = http.address();
    const port = typeof address === "object" && address ? address.port : config.PORT;
    if (config.LOG_LEVEL !== "silent") console.log(`Eventloom ${appVersion} ready on http://${config.HOST}:${port}${dev ? " (dev)" : ""}`);
  });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    if (config.LOG_LEVEL !== "silent") console.log(`${signal}: shutting down`);
    io.close();
    http.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
