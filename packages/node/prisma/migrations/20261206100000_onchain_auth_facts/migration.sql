-- CreateTable
CREATE TABLE "OnchainAuthFact" (
    "owner" TEXT NOT NULL,
    "nonce" INTEGER NOT NULL,
    "pubKeyHash" TEXT NOT NULL,
    "resetRequested" BOOLEAN NOT NULL DEFAULT false,
    "l1BlockNumber" INTEGER NOT NULL,

    CONSTRAINT "OnchainAuthFact_pkey" PRIMARY KEY ("owner","nonce")
);
