-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Block" (
    "number" INTEGER NOT NULL,
    "feeAccountId" INTEGER NOT NULL,
    "timestamp" BIGINT NOT NULL,
    "oldStateRoot" TEXT NOT NULL,
    "newStateRoot" TEXT NOT NULL,
    "commitment" TEXT NOT NULL,
    "blockChunks" INTEGER NOT NULL,
    "chunksUsed" INTEGER NOT NULL,
    "publicData" BYTEA NOT NULL,
    "onchainOperations" JSONB NOT NULL,
    "fees" JSONB NOT NULL,
    "operationCount" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "commitTxHash" TEXT,
    "committedAt" TIMESTAMP(3),
    "proveTxHash" TEXT,
    "provenAt" TIMESTAMP(3),
    "executeTxHash" TEXT,
    "executedAt" TIMESTAMP(3),

    CONSTRAINT "Block_pkey" PRIMARY KEY ("number")
);

-- CreateTable
CREATE TABLE "PendingBlock" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "number" INTEGER NOT NULL,
    "feeAccountId" INTEGER NOT NULL,
    "timestamp" BIGINT NOT NULL,
    "firstSuccessAt" TIMESTAMP(3),
    "miniBlocks" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PendingBlock_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExecutedOperation" (
    "id" BIGSERIAL NOT NULL,
    "blockNumber" INTEGER NOT NULL,
    "blockIndex" INTEGER,
    "txHash" TEXT,
    "priorityOpSerialId" BIGINT,
    "txType" TEXT NOT NULL,
    "opType" TEXT,
    "tx" JSONB NOT NULL,
    "ethSignature" JSONB,
    "operation" JSONB,
    "success" BOOLEAN NOT NULL,
    "failCode" TEXT,
    "failReason" TEXT,
    "batchHash" TEXT,
    "addresses" TEXT[],
    "tokenIds" INTEGER[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExecutedOperation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MempoolTx" (
    "id" BIGSERIAL NOT NULL,
    "txHash" TEXT NOT NULL,
    "txType" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "nonce" BIGINT NOT NULL,
    "tx" JSONB NOT NULL,
    "ethSignature" JSONB,
    "batchHash" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MempoolTx_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TxBatch" (
    "batchHash" TEXT NOT NULL,
    "ethSignatures" JSONB,
    "size" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TxBatch_pkey" PRIMARY KEY ("batchHash")
);

-- CreateTable
CREATE TABLE "PriorityOperation" (
    "serialId" BIGINT NOT NULL,
    "opType" TEXT NOT NULL,
    "op" JSONB NOT NULL,
    "l1TxHash" TEXT NOT NULL,
    "l1BlockNumber" INTEGER NOT NULL,
    "l1BlockHash" TEXT NOT NULL,
    "logIndex" INTEGER NOT NULL,
    "expirationBlock" BIGINT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "executedInBlock" INTEGER,

    CONSTRAINT "PriorityOperation_pkey" PRIMARY KEY ("serialId")
);

-- CreateTable
CREATE TABLE "UnconfirmedPriorityOperation" (
    "serialId" BIGINT NOT NULL,
    "opType" TEXT NOT NULL,
    "op" JSONB NOT NULL,
    "l1TxHash" TEXT NOT NULL,
    "l1BlockNumber" INTEGER NOT NULL,
    "address" TEXT NOT NULL,

    CONSTRAINT "UnconfirmedPriorityOperation_pkey" PRIMARY KEY ("serialId")
);

-- CreateTable
CREATE TABLE "EthWatchCursor" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "blockNumber" INTEGER NOT NULL,
    "blockHash" TEXT NOT NULL,

    CONSTRAINT "EthWatchCursor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Token" (
    "id" INTEGER NOT NULL,
    "address" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "decimals" INTEGER NOT NULL,
    "allowedForFees" BOOLEAN NOT NULL DEFAULT true,
    "l1BlockNumber" INTEGER,

    CONSTRAINT "Token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NftFactory" (
    "creatorAccountId" INTEGER NOT NULL,
    "creatorAddress" TEXT NOT NULL,
    "factoryAddress" TEXT NOT NULL,
    "l1BlockNumber" INTEGER NOT NULL,

    CONSTRAINT "NftFactory_pkey" PRIMARY KEY ("creatorAccountId")
);

-- CreateTable
CREATE TABLE "Account" (
    "id" INTEGER NOT NULL,
    "address" TEXT NOT NULL,
    "nonce" BIGINT NOT NULL,
    "pubKeyHash" TEXT NOT NULL,
    "lastBlock" INTEGER NOT NULL,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Balance" (
    "accountId" INTEGER NOT NULL,
    "tokenId" INTEGER NOT NULL,
    "amount" DECIMAL(39,0) NOT NULL,

    CONSTRAINT "Balance_pkey" PRIMARY KEY ("accountId","tokenId")
);

-- CreateTable
CREATE TABLE "ChainState" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "nextAccountId" INTEGER NOT NULL,
    "lastSealedBlock" INTEGER NOT NULL,
    "stateRoot" TEXT NOT NULL,

    CONSTRAINT "ChainState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountUpdate" (
    "id" BIGSERIAL NOT NULL,
    "blockNumber" INTEGER NOT NULL,
    "accountId" INTEGER NOT NULL,
    "diff" JSONB NOT NULL,

    CONSTRAINT "AccountUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Nft" (
    "tokenId" INTEGER NOT NULL,
    "creatorId" INTEGER NOT NULL,
    "creatorAddress" TEXT NOT NULL,
    "serialId" INTEGER NOT NULL,
    "contentHash" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "mintedInBlock" INTEGER NOT NULL,

    CONSTRAINT "Nft_pkey" PRIMARY KEY ("tokenId")
);

-- CreateTable
CREATE TABLE "L1Operation" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "fromBlock" INTEGER NOT NULL,
    "toBlock" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "L1Operation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "L1Transaction" (
    "id" BIGSERIAL NOT NULL,
    "operationId" BIGINT NOT NULL,
    "nonce" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "rawTx" TEXT NOT NULL,
    "maxFeePerGas" DECIMAL(39,0) NOT NULL,
    "maxPriorityFeePerGas" DECIMAL(39,0) NOT NULL,
    "sentAtBlock" INTEGER,
    "confirmedAtBlock" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'signed',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "L1Transaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BlockWitness" (
    "blockNumber" INTEGER NOT NULL,
    "witness" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BlockWitness_pkey" PRIMARY KEY ("blockNumber")
);

-- CreateTable
CREATE TABLE "ProverJob" (
    "id" BIGSERIAL NOT NULL,
    "blockNumber" INTEGER NOT NULL,
    "blockChunks" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "priority" INTEGER NOT NULL DEFAULT 1,
    "proverName" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProverJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Proof" (
    "blockNumber" INTEGER NOT NULL,
    "proof" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Proof_pkey" PRIMARY KEY ("blockNumber")
);

-- CreateTable
CREATE TABLE "Event" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ExecutedOperation_txHash_key" ON "ExecutedOperation"("txHash");

-- CreateIndex
CREATE UNIQUE INDEX "ExecutedOperation_priorityOpSerialId_key" ON "ExecutedOperation"("priorityOpSerialId");

-- CreateIndex
CREATE INDEX "ExecutedOperation_blockNumber_id_idx" ON "ExecutedOperation"("blockNumber", "id");

-- CreateIndex
CREATE INDEX "ExecutedOperation_addresses_idx" ON "ExecutedOperation" USING GIN ("addresses");

-- CreateIndex
CREATE INDEX "ExecutedOperation_batchHash_idx" ON "ExecutedOperation"("batchHash");

-- CreateIndex
CREATE UNIQUE INDEX "MempoolTx_txHash_key" ON "MempoolTx"("txHash");

-- CreateIndex
CREATE INDEX "MempoolTx_address_nonce_idx" ON "MempoolTx"("address", "nonce");

-- CreateIndex
CREATE INDEX "MempoolTx_batchHash_idx" ON "MempoolTx"("batchHash");

-- CreateIndex
CREATE INDEX "PriorityOperation_executedInBlock_idx" ON "PriorityOperation"("executedInBlock");

-- CreateIndex
CREATE INDEX "UnconfirmedPriorityOperation_address_idx" ON "UnconfirmedPriorityOperation"("address");

-- CreateIndex
CREATE UNIQUE INDEX "Token_address_key" ON "Token"("address");

-- CreateIndex
CREATE UNIQUE INDEX "Account_address_key" ON "Account"("address");

-- CreateIndex
CREATE INDEX "AccountUpdate_accountId_blockNumber_idx" ON "AccountUpdate"("accountId", "blockNumber");

-- CreateIndex
CREATE INDEX "AccountUpdate_blockNumber_idx" ON "AccountUpdate"("blockNumber");

-- CreateIndex
CREATE INDEX "L1Operation_status_id_idx" ON "L1Operation"("status", "id");

-- CreateIndex
CREATE UNIQUE INDEX "L1Operation_kind_fromBlock_key" ON "L1Operation"("kind", "fromBlock");

-- CreateIndex
CREATE UNIQUE INDEX "L1Transaction_hash_key" ON "L1Transaction"("hash");

-- CreateIndex
CREATE INDEX "L1Transaction_operationId_idx" ON "L1Transaction"("operationId");

-- CreateIndex
CREATE UNIQUE INDEX "ProverJob_blockNumber_key" ON "ProverJob"("blockNumber");

-- CreateIndex
CREATE INDEX "ProverJob_status_priority_id_idx" ON "ProverJob"("status", "priority", "id");

-- CreateIndex
CREATE INDEX "Event_kind_key_id_idx" ON "Event"("kind", "key", "id");

-- AddForeignKey
ALTER TABLE "Balance" ADD CONSTRAINT "Balance_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountUpdate" ADD CONSTRAINT "AccountUpdate_blockNumber_fkey" FOREIGN KEY ("blockNumber") REFERENCES "Block"("number") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "L1Transaction" ADD CONSTRAINT "L1Transaction_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "L1Operation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
