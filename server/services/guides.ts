import { readFile } from "node:fs/promises";
import { join } from "node:path";

/** The guides the Help menu opens, in reading order: the file in `docs/` and a one-line summary. */
export const GUIDES = [
  {
    slug: "designer",
    title: "The designer",
    summary: "Add, connect and configure nodes; save, share, import and export.",
  },
  {
    slug: "inspector",
    title: "The event inspector",
    summary: "Watch deliveries live, filter them, open an event and its trace.",
  },
  {
    slug: "flow-format",
    title: "The flow format",
    summary: "Nodes, edges, filters, payload templates and validation.",
  },
  {
    slug: "runtime",
    title: "The event runtime",
    summary: "How events are delivered, acked, retried and dead-lettered.",
  },
  { slug: "sharing", title: "Sharing", summary: "Edit links, read-only view links and snapshots." },
  { slug: "asyncapi", title: "AsyncAPI", summary: "Export a flow as AsyncAPI 3.0, or import one." },
  { slug: "realtime", title: "Live runs", summary: "Deploy, stop, resource caps and the realtime channel." },
  { slug: "api", title: "REST API", summary: "Flows, versions, revisions, view links and fork over HTTP." },
] as const;

/** A guide's Markdown, or null when no guide has that slug (only listed guides are read). */
export async function readGuide(slug: string): Promise<string | null> {
  const guide = GUIDES.find((g) => g.slug === slug);
  if (!guide) return null;
  return readFile(join(process.cwd(), "docs", `${guide.slug}.md`), "utf8").catch(() => null);
}
