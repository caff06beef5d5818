import { useTestDatabaseKind } from "../db/test-databases";

// The same REST tests as flows-api.test.ts, against a PostgreSQL schema of their own.
useTestDatabaseKind("postgresql");
await import("./flows-api.test");
