"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import type { EventTrace } from "@/lib/realtime/protocol";
import type { EventEnvelope } from "@/lib/events/envelope";
import { useLiveRun } from "./live-context";

export type Fetched<T> =
  { state: "loading" } | { state: "ready"; value: T } | { state: "error"; error: string };

/** Bumps whenever an event envelope has been fetched (the free-text filter searches those payloads). */
export function useEnvelopesVersion(): number {
  const { envelopes } = useLiveRun();
  return useSyncExternalStore(envelopes.subscribe, envelopes.getVersion, envelopes.getVersion);
}

/** One event's CloudEvents envelope with its payload, fetched on demand and cached. */
export function useEventEnvelope(eventId: string | null): Fetched<EventEnvelope> | null {
  const { channel, envelopes } = useLiveRun();
  const [fetched, setFetched] = useState<{ id: string; result: Fetched<EventEnvelope> } | null>(null);
  useEffect(() => {
    if (!eventId || envelopes.get(eventId)) return;
    let current = true;
    setFetched({ id: eventId, result: { state: "loading" } });
    void channel.getEvent(eventId).then((answer) => {
      if (answer.ok) envelopes.add(answer.value);
      if (current)
        setFetched({
          id: eventId,
          result: answer.ok
            ? { state: "ready", value: answer.value }
            : { state: "error", error: answer.error },
        });
    });
    return () => void (current = false);
  }, [eventId, channel, envelopes]);
  if (!eventId) return null;
  const cached = envelopes.get(eventId);
  if (cached) return { state: "ready", value: cached };
  return fetched?.id === eventId ? fetched.result : { state: "loading" };
}

/** The conversation of one event: its events and every delivery step, fetched when asked. */
export function useEventTrace(eventId: string | null, refresh = 0): Fetched<EventTrace> | null {
  const { channel, envelopes } = useLiveRun();
  const [fetched, setFetched] = useState<{ key: string; result: Fetched<EventTrace> } | null>(null);
  const key = `${eventId}#${refresh}`;
  useEffect(() => {
    if (!eventId) return;
    let current = true;
    void channel.getTrace(eventId).then((answer) => {
      if (answer.ok)
        for (const event of answer.value.events) if (!envelopes.get(event.id)) envelopes.add(event);
      if (current)
        setFetched({
          key,
          result: answer.ok
            ? { state: "ready", value: answer.value }
            : { state: "error", error: answer.error },
        });
    });
    return () => void (current = false);
  }, [eventId, key, channel, envelopes]);
  if (!eventId) return null;
  return fetched?.key === key ? fetched.result : { state: "loading" };
}
