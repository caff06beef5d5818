"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useEventEnvelope, useEventTrace } from "@/components/realtime/use-event-details";
import type { DeliveryRow } from "@/lib/realtime/protocol";
import { CausalTrace } from "./causal-trace";
import { CopyButton } from "./copy-button";
import { ExternalBadge } from "./external-badge";
import { traceUrl } from "@/lib/api/client";
import { useLiveRun } from "@/components/realtime/live-context";
import { formatLatency, formatTime } from "./format";
import { JsonTree } from "./json-tree";
import { OutcomeBadge } from "./outcome-badge";
import { ReplayFromHere } from "./replay-from-here";
import { useInspector } from "./inspector-context";

/** The opened delivery's event: envelope and payload (fetched on demand), and its causal trace. */
export function EventDetail({
  row,
  onOpen,
  onClose,
}: {
  row: DeliveryRow;
  onOpen: (row: DeliveryRow) => void;
  onClose: () => void;
}) {
  const [refresh, setRefresh] = useState(0);
  const { flowId } = useLiveRun();
  const envelope = useEventEnvelope(row.eventId);
  const trace = useEventTrace(row.eventId, refresh);
  const canProduce = useInspector((s) => s.canProduce);
  const openProduce = useInspector((s) => s.openProduce);
  return (
    <section
      aria-label="Event detail"
      className="flex min-h-0 w-[30rem] shrink-0 flex-col border-l border-line bg-surface-raised max-lg:absolute max-lg:inset-y-0 max-lg:right-0 max-lg:z-10 max-lg:max-w-full max-lg:shadow-xl"
    >
      <header className="flex items-center gap-2 border-b border-line px-3 py-2">
        <h3 className="truncate font-semibold">{row.eventType}</h3>
        {row.external && <ExternalBadge />}
        <OutcomeBadge outcome={row.outcome} />
        <Button
          variant="ghost"
          className="ml-auto px-2 py-0.5"
          aria-label="Close event detail"
          onClick={onClose}
        >
          ✕
        </Button>
      </header>
      <div className="min-h-0 flex-1 space-y-4 overflow-auto p-3">
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
          <dt className="text-ink-muted">Time</dt>
          <dd className="tabular">{formatTime(row.atMs)}</dd>
          <dt className="text-ink-muted">Event id</dt>
          <dd className="font-mono break-all">{row.eventId}</dd>
          {row.external && (
            <>
              <dt className="text-ink-muted">Origin</dt>
              <dd>Published to the broker by a client outside Eventloom</dd>
            </>
          )}
          {row.server !== undefined && (
            <>
              <dt className="text-ink-muted">Handled by</dt>
              <dd className="break-all">server {row.server}</dd>
            </>
          )}
          {row.brokerOffset !== undefined && (
            <>
              <dt className="text-ink-muted">Broker offset</dt>
              <dd className="font-mono break-all">{row.brokerOffset}</dd>
            </>
          )}
          <dt className="text-ink-muted">Correlation id</dt>
          <dd className="font-mono break-all">{row.correlationId}</dd>
          {row.causationId && (
            <>
              <dt className="text-ink-muted">Causation id</dt>
              <dd className="font-mono break-all">{row.causationId}</dd>
            </>
          )}
          {row.attempt !== undefined && (
            <>
              <dt className="text-ink-muted">Attempt</dt>
              <dd className="tabular">{row.attempt}</dd>
            </>
          )}
          {row.latencyMs !== undefined && (
            <>
              <dt className="text-ink-muted">Latency</dt>
              <dd className="tabular">{formatLatency(row.latencyMs)}</dd>
            </>
          )}
          {row.reason && (
            <>
              <dt className="text-ink-muted">Reason</dt>
              <dd className="text-failed">{row.reason}</dd>
            </>
          )}
          {row.http && (
            <>
              <dt className="text-ink-muted">HTTP status</dt>
              <dd className="tabular">{row.http.status ?? `no answer (${row.http.error ?? "unknown"})`}</dd>
              <dt className="text-ink-muted">HTTP time</dt>
              <dd className="tabular">{formatLatency(row.http.durationMs) || "0 ms"}</dd>
            </>
          )}
        </dl>
        {canProduce && <ReplayFromHere key={row.seq} row={row} />}
        {row.http?.response !== undefined && row.http.response !== "" && (
          <div>
            <h4 className="mb-1 text-sm font-semibold">Answer (first 1 KB)</h4>
            <pre
              aria-label="HTTP answer"
              className="max-h-40 overflow-auto rounded-md border border-line bg-surface p-2 font-mono text-[11px] whitespace-pre-wrap text-ink"
            >
              {row.http.response}
            </pre>
          </div>
        )}
        <div>
          <div className="mb-1 flex items-center gap-2">
            <h4 className="text-sm font-semibold">CloudEvents envelope</h4>
            {envelope?.state === "ready" && (
              <CopyButton text={JSON.stringify(envelope.value, null, 2)} label="Copy envelope" />
            )}
            {envelope?.state === "ready" && canProduce && row.topicNodeId && (
              <Button
                variant="ghost"
                className="px-2 py-0.5 text-xs"
                onClick={() => openProduce(row.topicNodeId!, envelope.value)}
              >
                Re-produce
              </Button>
            )}
          </div>
          {envelope?.state === "loading" && <p className="text-sm text-ink-muted">Fetching the event…</p>}
          {envelope?.state === "error" && (
            <p role="alert" className="text-sm text-failed">
              Could not fetch the event: {envelope.error}
            </p>
          )}
          {envelope?.state === "ready" && <JsonTree value={envelope.value} />}
        </div>
        <div>
          <div className="mb-1 flex items-center gap-2">
            <h4 className="text-sm font-semibold">Causal trace</h4>
            <Button variant="ghost" className="px-2 py-0.5 text-xs" onClick={() => setRefresh((n) => n + 1)}>
              Refresh trace
            </Button>
            <a
              href={traceUrl(flowId, row.eventId)}
              download
              className="rounded-md px-2 py-0.5 text-xs text-ink-muted hover:bg-surface-sunken hover:text-ink"
            >
              Download trace
            </a>
          </div>
          {trace?.state === "loading" && <p className="text-sm text-ink-muted">Fetching the conversation…</p>}
          {trace?.state === "error" && (
            <p role="alert" className="text-sm text-failed">
              Could not fetch the trace: {trace.error}
            </p>
          )}
          {trace?.state === "ready" && (
            <CausalTrace trace={trace.value} selectedEventId={row.eventId} onOpen={onOpen} />
          )}
        </div>
      </div>
    </section>
  );
}
