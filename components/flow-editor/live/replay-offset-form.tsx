"use client";

import { useId, useMemo, useState } from "react";
import type { ConsumerNode, FlowGraph, TopicBackend } from "@/lib/flow";
import { newestOffset, partitionsRead, type ReadPartition } from "@/lib/realtime/replay-offsets";
import { useLiveRun } from "@/components/realtime";
import { Button } from "@/components/ui/button";
import { INPUT_CLASS } from "../form/field-row";
import { useEditor } from "../store/editor-context";

const SMALL = "px-2 py-1 text-xs";

const EXAMPLE: Record<TopicBackend, string> = {
  embedded: "log offset, e.g. 3",
  redis: "entry id, e.g. 1764532800000-0",
  nats: "stream sequence, e.g. 42",
};

/**
 * "Replay from offset": one partition of a topic the consumer reads, and the broker offset its
 * next delivery starts at (inclusive), prefilled with the offset of the group's newest delivery
 * there that this page has seen. The server checks the offset and says why it refuses one.
 */
export function ReplayOffsetForm({
  node,
  busy,
  replay,
}: {
  node: ConsumerNode;
  busy: boolean;
  replay: (partition: ReadPartition, offset: string) => void;
}) {
  const graph: FlowGraph = useEditor((s) => s.graph);
  const partitions = useMemo(() => partitionsRead(graph, node.id), [graph, node.id]);
  const { store } = useLiveRun();
  const prefill = (index: number) => {
    const chosen = partitions[index];
    return chosen ? (newestOffset(store.getState().rows, node.config.group, chosen) ?? "") : "";
  };
  const [index, setIndex] = useState(0);
  const [offset, setOffset] = useState(() => prefill(0));
  const ids = useId();
  const chosen = partitions[index];
  if (!chosen) return null;
  return (
    <form
      aria-label="Replay from offset"
      className="flex flex-col gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        if (offset.trim()) replay(chosen, offset.trim());
      }}
    >
      <span className="text-xs text-ink-muted">Replay from offset</span>
      <div className="flex items-center gap-1.5">
        <label htmlFor={`${ids}-partition`} className="sr-only">
          Partition
        </label>
        <select
          id={`${ids}-partition`}
          value={index}
          onChange={(e) => {
            const next = Number(e.target.value);
            setIndex(next);
            setOffset(prefill(next));
          }}
          className={`${INPUT_CLASS} min-w-0 flex-1`}
        >
          {partitions.map((p, i) => (
            <option key={`${p.topic}/${p.partition}`} value={i}>
              {p.topic} / p{p.partition}
            </option>
          ))}
        </select>
      </div>
      <div className="flex items-center gap-1.5">
        <label htmlFor={`${ids}-offset`} className="sr-only">
          Offset
        </label>
        <input
          id={`${ids}-offset`}
          value={offset}
          maxLength={41}
          spellCheck={false}
          placeholder={EXAMPLE[chosen.backend]}
          onChange={(e) => setOffset(e.target.value)}
          className={`${INPUT_CLASS} tabular min-w-0 flex-1 font-mono`}
        />
        <Button
          type="submit"
          className={SMALL}
          disabled={busy || !offset.trim()}
          aria-label="Replay from this offset"
        >
          Replay
        </Button>
      </div>
    </form>
  );
}
