import Link from "next/link";
import { GUIDES } from "@/server/services/guides";
import { DocsFrame } from "@/components/docs/docs-frame";

export const metadata = { title: "Help" };

export default function DocsIndexPage() {
  return (
    <DocsFrame>
      <h1>Eventloom help</h1>
      <p>
        Eventloom lets you draw producers, topics and consumers on a canvas, run the flow live, and watch
        every event get published, delivered, retried, acked or dead-lettered. Start with the designer guide.
      </p>
      <ul className="not-prose flex list-none flex-col gap-2 p-0">
        {GUIDES.map((g) => (
          <li key={g.slug}>
            <Link
              href={`/docs/${g.slug}`}
              className="font-medium text-accent underline-offset-2 hover:underline"
            >
              {g.title}
            </Link>
            <span className="text-ink-muted"> — {g.summary}</span>
          </li>
        ))}
      </ul>
    </DocsFrame>
  );
}
