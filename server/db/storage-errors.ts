/** Why the database could not take a write, as a person running the server would put it. */
export type StorageFailure = "full" | "read-only" | "unavailable";

// SQLite result codes, and PostgreSQL SQLSTATEs (53100 disk full, 25006 read-only transaction,
// 57P03 cannot connect now, 08xxx connection exceptions).
const CODE_OF_FAILURE: [RegExp, StorageFailure][] = [
  [/^(SQLITE_FULL|53100$)/, "full"],
  [/^(SQLITE_READONLY|25006$)/, "read-only"],
  [/^(SQLITE_(IOERR|CANTOPEN|CORRUPT|NOTADB|BUSY|LOCKED)|57P03$|08)/, "unavailable"],
];

/** The database's own error code behind an error from a driver or from Prisma's driver adapter. */
function sqliteCode(error: unknown): string | undefined {
  if (error === null || typeof error !== "object") return undefined;
  const e = error as {
    code?: unknown;
    meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } };
    cause?: unknown;
  };
  const fromAdapter = e.meta?.driverAdapterError?.cause?.originalCode;
  if (typeof fromAdapter === "string") return fromAdapter;
  if (typeof e.code === "string" && /^(SQLITE_|[0-9A-Z]{5}$)/.test(e.code) && !/^P\d{4}$/.test(e.code))
    return e.code;
  return e.cause && e.cause !== error ? sqliteCode(e.cause) : undefined;
}

/** A failure of the storage itself (full disk, read-only file), or null for any other error. */
export function storageFailure(error: unknown): StorageFailure | null {
  const code = sqliteCode(error);
  if (!code) return null;
  return CODE_OF_FAILURE.find(([pattern]) => pattern.test(code))?.[1] ?? null;
}

/** What a client is told when a write fails because of the storage. */
export const STORAGE_MESSAGES: Record<StorageFailure, string> = {
  full: "The server's storage is full: nothing was saved. Try again later; the operator needs to free disk space",
  "read-only":
    "The server's database is read-only: nothing was saved. The operator needs to make the database file writable",
  unavailable: "The server's database is unavailable right now: nothing was saved. Try again shortly",
};
