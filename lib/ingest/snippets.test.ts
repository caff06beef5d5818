import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ingestSnippets } from "./snippets";

describe("ingest snippets", () => {
  it("name the topic's URL and send a structured CloudEvent with the key from the environment", () => {
    const s = ingestSnippets("https://loom.example/", "orders", { total: "it's 12" });
    expect(s.url).toBe("https://loom.example/ingest/topics/orders");
    expect(s.curl).toContain(`-H "Authorization: Bearer $INGEST_KEY"`);
    expect(s.curl).toContain("-H 'Content-Type: application/cloudevents+json'");
    expect(s.fetch).toContain("Authorization: `Bearer ${process.env.INGEST_KEY}`");
    expect(s.fetch).toContain('"id": crypto.randomUUID()');
  });

  it("quote the body so a shell passes it through unchanged", () => {
    const s = ingestSnippets("http://h", "orders", { total: "it's 12" });
    // Run the -d argument through a real shell and read back what curl would have sent.
    const dArgument = s.curl.split("\n")[3].trim().slice(3);
    const echoed = execFileSync("sh", ["-c", `printf %s ${dArgument}`]).toString();
    expect(JSON.parse(echoed)).toEqual({
      specversion: "1.0",
      id: "order-1",
      source: "/my-system",
      type: "order.placed",
      data: { total: "it's 12" },
    });
  });

  it("fetch snippet is valid JavaScript", () => {
    const s = ingestSnippets("http://h", "orders");
    expect(() => new Function(`return (async () => {${s.fetch}})`)).not.toThrow();
  });
});
