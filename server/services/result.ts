import type { ApiError } from "@/lib/api/flows";

/** What a use case returns: a value, or a client error with its HTTP status and JSON body. */
export type ServiceResult<T> = { ok: true; value: T } | { ok: false; status: FailureStatus; body: ApiError };

/** Client errors, and the server's storage being full (507 past its cap, 503 when it cannot write). */
export type FailureStatus = 400 | 403 | 404 | 409 | 413 | 422 | 429 | 503 | 507;

export const success = <T>(value: T): ServiceResult<T> => ({ ok: true, value });
export const failure = (
  status: FailureStatus,
  error: string,
  extra: Omit<ApiError, "error"> = {},
): ServiceResult<never> => ({
  ok: false,
  status,
  body: { error, ...extra },
});
