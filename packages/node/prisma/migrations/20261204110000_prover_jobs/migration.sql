-- AlterTable
ALTER TABLE "ProverJob" ADD COLUMN     "lastError" TEXT;

-- AlterTable
ALTER TABLE "Proof" ADD COLUMN     "proverName" TEXT,
ADD COLUMN     "publicSignals" JSONB;

-- CreateTable
CREATE TABLE "ProverWorker" (
    "name" TEXT NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "stoppedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProverWorker_pkey" PRIMARY KEY ("name")
);
