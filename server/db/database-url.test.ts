import { describe, expect, it } from "vitest";
import { databaseTarget } from "./database-url";

describe("databaseTarget", () => {
  it("turns a file URL into an SQLite path", () => {
    expect(databaseTarget("file:./data/x.db")).toEqual({
      kind: "sqlite",
      url: "file:./data/x.db",
      path: "./data/x.db",
    });
  });

  it("reads a PostgreSQL URL and its schema parameter", () => {
    expect(databaseTarget("postgresql://app:pw@db:5432/eventloom?schema=tenant_a&sslmode=disable")).toEqual({
      kind: "postgresql",
      url: "postgresql://app:pw@db:5432/eventloom?schema=tenant_a&sslmode=disable",
      connectionString: "postgresql://app:pw@db:5432/eventloom?sslmode=disable",
      schema: "tenant_a",
    });
    expect(databaseTarget("postgres://db/eventloom")).toMatchObject({ kind: "postgresql", schema: "public" });
  });

  it("refuses other URLs", () => {
    expect(() => databaseTarget("mysql://db/x")).toThrow(
      "DATABASE_URL must start with file:, postgres:// or postgresql:// (got mysql:)",
    );
  });
});
