import { useTestDatabaseKind } from "../db/test-databases";

// The same REST tests as access-matrix.test.ts, against a PostgreSQL schema of their own.
useTestDatabaseKind("postgresql");
await import("./access-matrix.test");
