-- CreateTable
CREATE TABLE "ServiceLease" (
    "service" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ServiceLease_pkey" PRIMARY KEY ("service")
);
