/**
 * The webhook receiver of `bench:ingest`, in its own process (forked by index.ts): a bare
 * node:http server that reads the body, parses it as JSON and answers 202, whether the
 * request comes from Eventloom's webhook consumer or from autocannon.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const server = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    JSON.parse(body);
    res.writeHead(202, { "content-type": "application/json" }).end('{"accepted":true}');
  });
});
server.listen(0, "127.0.0.1", () =>
  process.send!({ ready: { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` } }),
);
