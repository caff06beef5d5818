import type { ApiError, FlowRecord } from "@/lib/api/flows";

/** A failed API call, with the server's JSON error body. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(body.error);
  }
}

/** Calls the REST API with JSON in and out; throws ApiRequestError on a non-2xx answer. */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? "GET",
    headers: init.body === undefined ? undefined : { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (response.status === 204) return undefined as T;
  const json = await response.json().catch(() => ({ error: `The server answered ${response.status}` }));
  if (!response.ok) throw new ApiRequestError(response.status, json as ApiError);
  return json as T;
}

export const createFlow = (body: { name?: string; graph?: unknown } = {}) =>
  api<FlowRecord>("/api/flows", { method: "POST", body });
export const renameFlow = (flow: { id: string; version: number }, name: string) =>
  api<FlowRecord>(`/api/flows/${flow.id}`, { method: "PUT", body: { name, baseVersion: flow.version } });
