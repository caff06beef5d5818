"use client";

import { useEffect, useId, useState } from "react";
import { useLiveRun } from "@/components/realtime/live-context";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { ProducedEvent } from "@/lib/api/produce";
import { blankDraft, draftFromEvent, readDraft, type ProduceDraft } from "@/lib/events/produce-form";
import { useInspector } from "./inspector-context";

const INPUT =
  "w-full rounded-md border border-line bg-surface px-2 py-1 text-sm text-ink aria-[invalid=true]:border-failed focus-visible:outline-2 focus-visible:outline-accent";

type Result =
  | { ok: true; value: ProducedEvent }
  | { ok: false; error: string; field?: keyof ProduceDraft; issues?: { path: string; message: string }[] };

/**
 * "Produce event" / "Re-produce event": publishes one event made by hand into a topic of the
 * running flow, as Kafka UIs offer. Opened from a topic (data prefilled by `sampleFor`, from the
 * topic's schema or a producer's template) or from an event's detail (its attributes and data;
 * the new event gets its own id and `causationid` the original). Edit links only.
 */
export function ProduceDialog({
  topicName,
  sampleFor,
}: {
  /** The topic's name, by node id. */
  topicName: (topicId: string) => string;
  /** Data to start from for a topic. */
  sampleFor: (topicId: string) => unknown;
}) {
  const producing = useInspector((s) => s.producing);
  const close = useInspector((s) => s.closeProduce);
  const { channel } = useLiveRun();
  const [draft, setDraft] = useState<ProduceDraft>(() => blankDraft({}));
  const [result, setResult] = useState<Result | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = useId();
  useEffect(() => {
    if (!producing) return;
    setDraft(producing.from ? draftFromEvent(producing.from) : blankDraft(sampleFor(producing.topicId)));
    setResult(null);
    // A new form each time it opens, not each time the graph changes underneath it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [producing]);
  if (!producing) return null;
  const topic = topicName(producing.topicId);
  const from = producing.from;
  const edit = (field: keyof ProduceDraft) => (e: { target: { value: string } }) => {
    setDraft((d) => ({ ...d, [field]: e.target.value }));
    if (result && !result.ok && result.field === field) setResult(null);
  };
  const send = async () => {
    const read = readDraft(draft, producing.topicId, from?.id);
    if (!read.ok) return setResult({ ok: false, error: read.message, field: read.field });
    setBusy(true);
    const answer = await channel.produce(read.input);
    setBusy(false);
    setResult(answer);
  };
  const invalid = (field: keyof ProduceDraft) => result?.ok === false && result.field === field;
  const field = (name: keyof ProduceDraft, label: string, placeholder: string) => (
    <label className="flex flex-col gap-1 text-xs font-medium text-ink-muted">
      {label}
      <input
        className={INPUT}
        value={draft[name]}
        placeholder={placeholder}
        aria-invalid={invalid(name)}
        onChange={edit(name)}
      />
    </label>
  );
  return (
    <Dialog
      open
      wide
      title={from ? `Re-produce event into ${topic}` : `Produce event into ${topic}`}
      onClose={close}
    >
      <form
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <p className="text-xs text-ink-muted">
          {from ? (
            <>
              Sends event <code className="font-mono">{from.id}</code> again, as you edit it: it gets a new
              id, and its <code className="font-mono">causationid</code> points at the original.
            </>
          ) : (
            <>Publishes one CloudEvent into this topic now; its consumers receive it like any other.</>
          )}
        </p>
        <div className="grid grid-cols-2 gap-2 max-sm:grid-cols-1">
          {field("type", "Type", "eventloom.produced")}
          {field("source", "Source", `/eventloom/produce/${topic}`)}
          {field("subject", "Subject", "optional")}
          {field("partitionKey", "Partition key", "round-robin when empty")}
        </div>
        <label className="flex flex-col gap-1 text-xs font-medium text-ink-muted">
          Extension attributes (one name=value a line)
          <textarea
            className={`${INPUT} h-14 font-mono text-xs`}
            value={draft.extensions}
            placeholder="region=eu"
            aria-invalid={invalid("extensions")}
            onChange={edit("extensions")}
          />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-ink-muted">
          Data (JSON)
          <textarea
            className={`${INPUT} h-48 font-mono text-xs`}
            value={draft.data}
            spellCheck={false}
            aria-invalid={invalid("data")}
            aria-describedby={`${ids}-result`}
            onChange={edit("data")}
          />
        </label>
        <div id={`${ids}-result`}>
          {result?.ok === true && (
            <p role="status" className={`text-xs ${result.value.deadLettered ? "text-retry" : "text-acked"}`}>
              {result.value.deadLettered ? "It breaks the topic's schema: dead-lettered as " : "Published "}
              {result.value.id} to {result.value.topic}, partition {result.value.partition}
              {result.value.offset !== null ? `, offset ${result.value.offset}` : ""}.
            </p>
          )}
          {result?.ok === false && (
            <div role="alert" className="text-xs text-failed">
              <p>{result.error}</p>
              {result.issues && result.issues.length > 1 && (
                <ul className="mt-1 list-disc pl-4">
                  {result.issues.map((issue) => (
                    <li key={issue.path + issue.message}>
                      <code className="font-mono">{issue.path}</code> {issue.message}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </div>
        <div className="flex justify-end gap-2">
          <Button onClick={close}>Done</Button>
          <Button type="submit" variant="primary" disabled={busy}>
            {busy ? "Publishing…" : "Publish event"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
