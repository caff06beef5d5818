"use client";

import { useEffect, useId, useState } from "react";
import { ingestSnippets } from "@/lib/ingest/snippets";
import { Button } from "@/components/ui/button";
import { onDemand } from "@/components/ui/on-demand";
import { useCopy } from "@/components/ui/use-copy";
import { LinkField } from "../share/link-field";
import { useEditor } from "../store/editor-context";

// The keys dialog loads when first opened: it lists, makes and revokes keys on the server, so
// it is of no use without a connection anyway.
const IngestKeysDialog = onDemand(
  () => import("./ingest-keys-dialog").then((m) => m.IngestKeysDialog),
  "The ingest keys dialog",
);

/**
 * The topic panel's "Ingest over HTTP" section (edit link only): the topic's ingest URL,
 * ready-to-paste curl and Node fetch snippets, and the flow's ingest keys.
 */
export function TopicIngest({ topic }: { topic: string }) {
  const flowId = useEditor((s) => s.flowId);
  const [origin, setOrigin] = useState("");
  const [keysOpen, setKeysOpen] = useState(false);
  const [keysOpened, setKeysOpened] = useState(false);
  const [tab, setTab] = useState<"curl" | "fetch">("curl");
  useEffect(() => setOrigin(window.location.origin), []);
  const snippets = ingestSnippets(origin, topic);
  return (
    <section aria-label="Ingest over HTTP" className="flex flex-col gap-2 border-t border-line pt-3">
      <h3 className="text-xs font-semibold tracking-wide text-ink-muted uppercase">Ingest over HTTP</h3>
      <p className="text-xs text-ink-muted">
        Other systems send CloudEvents (or plain JSON) here while the flow runs, with an ingest key.
      </p>
      <LinkField label="Ingest URL" value={snippets.url} />
      <div role="tablist" aria-label="Example" className="flex gap-1">
        {(["curl", "fetch"] as const).map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            onClick={() => setTab(t)}
            className={`rounded px-2 py-0.5 text-xs ${tab === t ? "bg-surface-sunken font-semibold text-ink" : "text-ink-muted hover:text-ink"}`}
          >
            {t === "curl" ? "curl" : "Node fetch"}
          </button>
        ))}
      </div>
      <Snippet label={tab === "curl" ? "curl example" : "Node fetch example"} text={snippets[tab]} />
      <p className="text-xs text-ink-muted">
        Set <code className="font-mono">INGEST_KEY</code> to one of the flow&apos;s keys first.
      </p>
      <div>
        <Button onClick={() => (setKeysOpen(true), setKeysOpened(true))}>Ingest keys…</Button>
      </div>
      {keysOpened && <IngestKeysDialog flowId={flowId} open={keysOpen} onClose={() => setKeysOpen(false)} />}
    </section>
  );
}

function Snippet({ label, text }: { label: string; text: string }) {
  const id = useId();
  const { said, copy } = useCopy(2500);
  return (
    <div className="flex flex-col gap-1">
      <pre
        id={id}
        aria-label={label}
        tabIndex={0}
        className="max-h-48 overflow-auto rounded-md border border-line bg-surface p-2 font-mono text-[11px] leading-snug whitespace-pre text-ink"
      >
        {text}
      </pre>
      <div className="flex items-center gap-2">
        <Button
          aria-label={`Copy ${label}`}
          className="px-2.5 py-1 text-xs"
          onClick={() => void copy(text, () => "Select the text and press Ctrl+C (⌘C)")}
        >
          Copy
        </Button>
        <span role="status" className="text-xs text-ink-muted">
          {said}
        </span>
      </div>
    </div>
  );
}
