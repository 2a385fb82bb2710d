-- eth-sender: why an L1 operation failed and when it was confirmed; a transaction's gas limit and broadcast time.
ALTER TABLE "L1Operation" ADD COLUMN "error" TEXT;
ALTER TABLE "L1Operation" ADD COLUMN "confirmedAt" TIMESTAMP(3);

ALTER TABLE "L1Transaction" ADD COLUMN "gasLimit" BIGINT;
ALTER TABLE "L1Transaction" ADD COLUMN "sentAt" TIMESTAMP(3);
