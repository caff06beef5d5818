// Generates the Prisma clients without Prisma's native schema engine, which cannot be
// downloaded on offline machines: `prisma generate` only needs the path to exist.
// One generated client serves one provider, so the PostgreSQL client is generated from a copy
// of prisma/schema.prisma with only the provider and output changed: the models have one source.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/false",
  CHECKPOINT_DISABLE: "1",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};

const postgresSchema = "server/db/.schema.postgresql.prisma";
const sqlite = readFileSync("prisma/schema.prisma", "utf8");
const postgres = sqlite
  .replace('provider = "sqlite"', 'provider = "postgresql"')
  .replace('output   = "../server/db/generated"', 'output   = "./generated-pg"');
if (postgres === sqlite || !postgres.includes("generated-pg"))
  throw new Error('prisma/schema.prisma: expected provider "sqlite" and output ../server/db/generated');
writeFileSync(postgresSchema, postgres);

for (const schema of ["prisma/schema.prisma", postgresSchema]) {
  const result = spawnSync(
    process.execPath,
    ["node_modules/prisma/build/index.js", "generate", "--schema", schema],
    { stdio: "inherit", env },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}
