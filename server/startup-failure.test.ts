import { describe, expect, it } from "vitest";
import { describeStartupFailure } from "./startup-failure";

const at = { databaseUrl: "file:/srv/data/eventloom.db", host: "0.0.0.0", port: 3000 };
const systemError = (code: string, syscall: string, message = `${code}: failed`) =>
  Object.assign(new Error(message), { code, syscall });

describe("describeStartupFailure", () => {
  it("names the port, the database or the build, and what to do", () => {
    expect(describeStartupFailure(systemError("EADDRINUSE", "listen"), at)).toBe(
      "Cannot start: port 3000 on 0.0.0.0 is already in use. Stop the other server or set PORT to a free port.",
    );
    expect(describeStartupFailure(systemError("EROFS", "open"), at)).toBe(
      "Cannot open the database at /srv/data/eventloom.db: the file system is read-only. Make its folder writable or set DATABASE_URL to a writable file.",
    );
    expect(
      describeStartupFailure(
        Object.assign(new Error("unable to open database file"), { code: "SQLITE_CANTOPEN" }),
        at,
      ),
    ).toBe(
      "Cannot open the database at /srv/data/eventloom.db: it cannot be opened for writing. Make the file and its folder writable or set DATABASE_URL to a writable file.",
    );
    expect(
      describeStartupFailure(new Error("Could not find a production build in the '.next' directory."), at),
    ).toBe(
      "Cannot start: there is no production build. Run `npm run build` first (`npm start` builds when needed).",
    );
    expect(describeStartupFailure(new Error("something odd\n    at stack"), at)).toBe(
      "Cannot start: something odd",
    );
  });
});
