import type { ApiError } from "@/lib/api/flows";

/** What a use case returns: a value, or a client error with its HTTP status and JSON body. */
export type ServiceResult<T> =
  { ok: true; value: T } | { ok: false; status: 400 | 403 | 404 | 409 | 413 | 429 | 503; body: ApiError };

export const success = <T>(value: T): ServiceResult<T> => ({ ok: true, value });
export const failure = (
  status: 400 | 403 | 404 | 409 | 413 | 429 | 503,
  error: string,
  extra: Omit<ApiError, "error"> = {},
): ServiceResult<never> => ({
  ok: false,
  status,
  body: { error, ...extra },
});
