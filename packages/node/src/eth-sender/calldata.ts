/** Calldata of the rollup call for an operation over [fromBlock, toBlock], from the stored blocks and proofs. */
import type { L1OperationRepository } from "../storage/l1-operation-repository.js";
import {
  commitBlockInfo,
  genesisStoredBlock,
  pendingOnchainOpsPubdata,
  storedBlockInfo,
  type BlockRow,
  type GenesisStoredBlockJson,
  type StoredBlockInfo,
} from "./block-encoding.js";
import { EthSenderError } from "./errors.js";
import type { OperationKind } from "./operation-kind.js";
import { solidityProof } from "./proof-encoding.js";
import { rollupInterface } from "./rollup-abi.js";

export class CalldataBuilder {
  private readonly genesis: StoredBlockInfo;

  constructor(
    private readonly repository: L1OperationRepository,
    genesis: GenesisStoredBlockJson,
  ) {
    this.genesis = genesisStoredBlock(genesis);
  }

  async build(kind: OperationKind, fromBlock: number, toBlock: number): Promise<string> {
    const blocks = await this.blocks(fromBlock, toBlock);
    switch (kind) {
      case "commit": {
        const previous = await this.stored(fromBlock - 1);
        let last = previous;
        const infos = blocks.map((block) => {
          const info = commitBlockInfo(block, last);
          last = storedBlockInfo(block);
          return info;
        });
        return rollupInterface.encodeFunctionData("commitBlocks", [previous, infos]);
      }
      case "prove": {
        const proofs = await this.repository.proofs(fromBlock, toBlock);
        const list = blocks.map((block) => {
          if (!proofs.has(block.number)) throw new EthSenderError("ETH_SENDER_BAD_INPUT", `no proof of block ${block.number}`);
          return { chunks: block.blockChunks, proof: solidityProof(proofs.get(block.number), block.number) };
        });
        return rollupInterface.encodeFunctionData("proveBlocks", [blocks.map(storedBlockInfo), list]);
      }
      case "execute":
        return rollupInterface.encodeFunctionData("executeBlocks", [
          blocks.map((block) => ({ storedBlock: storedBlockInfo(block), pendingOnchainOpsPubdata: pendingOnchainOpsPubdata(block) })),
        ]);
      case "revert":
        return rollupInterface.encodeFunctionData("revertBlocks", [blocks.map(storedBlockInfo).reverse()]);
    }
  }

  /** The StoredBlockInfo of block `number` (block 0: the deployment's genesis). */
  async stored(number: number): Promise<StoredBlockInfo> {
    if (number === 0) return this.genesis;
    const block = await this.repository.block(number);
    if (block === null) throw new EthSenderError("ETH_SENDER_BAD_INPUT", `block ${number} is not stored`);
    return storedBlockInfo(block as BlockRow);
  }

  private async blocks(fromBlock: number, toBlock: number): Promise<BlockRow[]> {
    const blocks = await this.repository.blocks(fromBlock, toBlock);
    if (blocks.length !== toBlock - fromBlock + 1) throw new EthSenderError("ETH_SENDER_BAD_INPUT", `blocks ${fromBlock}–${toBlock} are not all stored`);
    return blocks;
  }
}
