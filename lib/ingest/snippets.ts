import { ingestUrl } from "../api/ingest";

/** Ready-to-paste ways to send one event to a topic; the key is read from $INGEST_KEY. */
export interface IngestSnippets {
  url: string;
  curl: string;
  fetch: string;
}

/**
 * The ingest URL of a topic and a `curl` and a Node `fetch` example that send one CloudEvent
 * in structured mode, with the headers the endpoint wants. The key is never inlined: it comes
 * from the environment, so a snippet can be pasted into chat or a ticket safely.
 */
export function ingestSnippets(
  origin: string,
  topic: string,
  example: unknown = { hello: "world" },
): IngestSnippets {
  const url = ingestUrl(origin, topic);
  const event = {
    specversion: "1.0",
    id: "order-1",
    source: "/my-system",
    type: "order.placed",
    data: example,
  };
  const body = JSON.stringify(event);
  const curl = [
    `curl -X POST '${url}' \\`,
    `  -H "Authorization: Bearer $INGEST_KEY" \\`,
    `  -H 'Content-Type: application/cloudevents+json' \\`,
    `  -d '${body.replaceAll("'", "'\\''")}'`,
  ].join("\n");
  const fetchSnippet = [
    `const response = await fetch(${JSON.stringify(url)}, {`,
    `  method: "POST",`,
    `  headers: {`,
    `    Authorization: \`Bearer \${process.env.INGEST_KEY}\`,`,
    `    "Content-Type": "application/cloudevents+json",`,
    `  },`,
    `  body: JSON.stringify(${JSON.stringify({ ...event, id: "__ID__" }, null, 2)
      .replace('"__ID__"', "crypto.randomUUID()")
      .split("\n")
      .join("\n  ")}),`,
    `});`,
    `console.log(response.status, await response.json());`,
  ].join("\n");
  return { url, curl, fetch: fetchSnippet };
}
