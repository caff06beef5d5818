-- AlterTable
ALTER TABLE "Flow" ADD COLUMN "viewTokenHash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Flow_viewTokenHash_key" ON "Flow"("viewTokenHash");
