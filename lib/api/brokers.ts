import type { TopicBackend } from "../flow";

/** Whether topics can be placed on a backend now, and if not, why (shown in the designer). */
export interface BackendAvailability {
  backend: TopicBackend;
  label: string;
  available: boolean;
  reason?: string;
}

/** GET /api/brokers: the backends this server can place topics on. */
export async function fetchBrokerAvailability(signal?: AbortSignal): Promise<BackendAvailability[]> {
  const response = await fetch("/api/brokers", { signal, cache: "no-store" });
  if (!response.ok) throw new Error(`GET /api/brokers answered ${response.status}`);
  return (await response.json()).backends as BackendAvailability[];
}
