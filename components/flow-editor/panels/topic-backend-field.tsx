import { useEffect, useState } from "react";
import { fetchBrokerAvailability, type BackendAvailability } from "@/lib/api/brokers";
import { TOPIC_BACKENDS, TOPIC_BACKEND_LABELS, type TopicBackend } from "@/lib/flow";
import { FieldRow, INPUT_CLASS, describedBy } from "../form/field-row";

const HELP =
  "Where the topic's events live: in this server's memory (lost on restart), or as streams on the Redis or NATS this server is connected to, where outside clients can publish and read too.";

/** Asks the server once per mount which backends it can place topics on. */
function useBrokerAvailability(): BackendAvailability[] | undefined {
  const [availability, setAvailability] = useState<BackendAvailability[]>();
  useEffect(() => {
    const abort = new AbortController();
    fetchBrokerAvailability(abort.signal).then(setAvailability, () => {});
    return () => abort.abort();
  }, []);
  return availability;
}

/** The topic's broker: Embedded, Redis Streams or NATS JetStream; an unavailable one says why. */
export function TopicBackendField({
  id,
  value,
  readOnly,
  onChange,
}: {
  id: string;
  value: TopicBackend | undefined;
  readOnly: boolean;
  onChange: (backend: TopicBackend | undefined) => void;
}) {
  const availability = useBrokerAvailability();
  const current = value ?? "embedded";
  const problems = (availability ?? []).filter((b) => !b.available && b.reason);
  const chosenProblem = problems.find((b) => b.backend === current);
  const message = chosenProblem ? `${chosenProblem.reason}: deploying will be refused` : undefined;
  return (
    <FieldRow id={id} label="Broker" help={HELP} message={message}>
      <select
        id={id}
        className={INPUT_CLASS}
        value={current}
        disabled={readOnly}
        aria-invalid={!!message}
        aria-describedby={describedBy(id, true, !!message)}
        onChange={(e) =>
          onChange(e.target.value === "embedded" ? undefined : (e.target.value as TopicBackend))
        }
      >
        {TOPIC_BACKENDS.map((backend) => {
          const known = availability?.find((b) => b.backend === backend);
          const unavailable = known !== undefined && !known.available;
          return (
            <option key={backend} value={backend} disabled={unavailable && backend !== current}>
              {TOPIC_BACKEND_LABELS[backend]}
              {unavailable ? " (unavailable)" : ""}
            </option>
          );
        })}
      </select>
      {problems.length > 0 && (
        <ul aria-label="Unavailable brokers" className="text-[11px] leading-snug text-ink-muted">
          {problems.map((b) => (
            <li key={b.backend}>{b.reason}</li>
          ))}
        </ul>
      )}
      {current === "embedded" && (
        <p className="text-[11px] leading-snug text-ink-muted">
          A run resumed after a restart starts this topic empty.
        </p>
      )}
    </FieldRow>
  );
}
