-- CreateTable
CREATE TABLE "RunningFlow" (
    "flowId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "deployedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RunningFlow_pkey" PRIMARY KEY ("flowId")
);

-- AddForeignKey
ALTER TABLE "RunningFlow" ADD CONSTRAINT "RunningFlow_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;
