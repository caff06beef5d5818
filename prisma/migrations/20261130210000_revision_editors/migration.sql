-- AlterTable: who edited in the stretch of editing a revision closes (JSON array of names),
-- and the name a person gave the revision, if any.
ALTER TABLE "FlowRevision" ADD COLUMN "editors" TEXT NOT NULL DEFAULT '[]';
ALTER TABLE "FlowRevision" ADD COLUMN "label" TEXT;
