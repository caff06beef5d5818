import { storageFailure } from "./db/storage-errors";

/** Where start-up had got to when it failed, to name what is wrong. */
export interface StartupContext {
  databaseUrl: string;
  host: string;
  port: number;
}

const FILE_ERRORS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOSPC: "the disk is full",
  ENOTDIR: "a part of the path is a file, not a folder",
  EEXIST: "a part of the path is a file, not a folder",
  ENOENT: "a folder on the path does not exist",
};

/**
 * One line saying what stopped the server from starting and what to do about it, instead of a
 * stack trace: the port, the database, the build. Unknown failures keep their own message.
 */
export function describeStartupFailure(error: unknown, at: StartupContext): string {
  const e = (error ?? {}) as { code?: unknown; syscall?: unknown; message?: unknown };
  const code = typeof e.code === "string" ? e.code : "";
  const message = typeof e.message === "string" ? e.message.split("\n")[0] : String(error);
  const where = at.databaseUrl.startsWith("file:") ? at.databaseUrl.slice(5) : "the database";
  if (e.syscall === "listen" && code === "EADDRINUSE")
    return `Cannot start: port ${at.port} on ${at.host} is already in use. Stop the other server or set PORT to a free port.`;
  if (e.syscall === "listen" && (code === "EACCES" || code === "EPERM"))
    return `Cannot start: not allowed to listen on port ${at.port}. Use a port above 1023 (set PORT) or run with the right to bind it.`;
  if (e.syscall === "listen" && code === "EADDRNOTAVAIL")
    return `Cannot start: ${at.host} is not an address of this machine. Set HOST to one of its addresses (0.0.0.0 for all).`;
  if (code in FILE_ERRORS)
    return `Cannot open the database at ${where}: ${FILE_ERRORS[code]}. Make its folder writable or set DATABASE_URL to a writable file.`;
  const storage = storageFailure(error);
  if (storage === "read-only" || code === "SQLITE_CANTOPEN")
    return `Cannot open the database at ${where}: it cannot be opened for writing. Make the file and its folder writable or set DATABASE_URL to a writable file.`;
  if (storage === "full")
    return `Cannot open the database at ${where}: the disk is full. Free some space and start again.`;
  if (/production build/i.test(message))
    return "Cannot start: there is no production build. Run `npm run build` first (`npm start` builds when needed).";
  if (
    /ECONNREFUSED|password authentication|does not exist/i.test(message) &&
    !at.databaseUrl.startsWith("file:")
  )
    return `Cannot reach the database of DATABASE_URL: ${message}. Check that PostgreSQL runs and the URL is right.`;
  return `Cannot start: ${message}`;
}
