import { closestGreaterOrEqPackableTransactionFee, isTransactionFeePackable } from "@zklite/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { FeeModel } from "./fee-model.js";
import type { FeeType } from "./fee-type.js";
import { FixedPriceSource } from "./fixed-price-source.js";
import type { FeeToken } from "./price-source.js";

const ETH: FeeToken = { id: 0, symbol: "ETH", decimals: 18 };
const DAI: FeeToken = { id: 1, symbol: "DAI", decimals: 18 };
const USDC: FeeToken = { id: 2, symbol: "USDC", decimals: 6 };
const SHIB: FeeToken = { id: 3, symbol: "SHIB", decimals: 18 };
const GWEI = 10n ** 9n;

const prices = () => new FixedPriceSource({ pricesUsd: { ETH: "2000", DAI: "1", "2": "0.999" }, gasPriceWei: 100n * GWEI });

describe("FeeModel.quoteTx", () => {
  // ETH $2000, gas 100 gwei × 1.3: one gas unit costs 2.6e-4 USD = 2.6e14 DAI base units; a chunk of proof $0.001 = 1e15.
  // Gas per type (§8.4): commit + execute (+ pending balance) + 200 × chunks.
  const cases: [FeeType, boolean, string, bigint, bigint, bigint][] = [
    // fee type, recipient exists, output type, gasTxAmount, gasFee + zkpFee (DAI), totalFee (packable, rounded up)
    ["Transfer", true, "Transfer", 700n, 182n * 10n ** 15n + 2n * 10n ** 15n, 184n * 10n ** 15n],
    ["Transfer", false, "TransferToNew", 2_140n, 5_564n * 10n ** 14n + 6n * 10n ** 15n, 563n * 10n ** 15n],
    ["TransferToNew", true, "TransferToNew", 2_140n, 5_624n * 10n ** 14n, 563n * 10n ** 15n],
    ["Withdraw", false, "Withdraw", 95_100n, 24_732n * 10n ** 15n, 248n * 10n ** 17n],
    ["ForcedExit", false, "Withdraw", 95_100n, 24_732n * 10n ** 15n, 248n * 10n ** 17n],
    ["WithdrawNFT", false, "WithdrawNFT", 327_150n, 85_069n * 10n ** 15n, 851n * 10n ** 17n],
    ["MintNFT", false, "MintNFT", 1_920n, 5_042n * 10n ** 14n, 505n * 10n ** 15n],
    ["Swap", false, "Swap", 1_710n, 4_496n * 10n ** 14n, 450n * 10n ** 15n],
    [{ ChangePubKey: "ECDSA" }, false, "ChangePubKey:ECDSA", 13_900n, 3_620n * 10n ** 15n, 362n * 10n ** 16n],
    [{ ChangePubKey: "EIP712" }, false, "ChangePubKey:EIP712", 13_900n, 3_620n * 10n ** 15n, 362n * 10n ** 16n],
    [{ ChangePubKey: "Onchain" }, false, "ChangePubKey:Onchain", 7_600n, 1_982n * 10n ** 15n, 1_982n * 10n ** 15n],
    [{ ChangePubKey: "CREATE2" }, false, "ChangePubKey:CREATE2", 9_650n, 2_515n * 10n ** 15n, 252n * 10n ** 16n],
    ["FastWithdraw", false, "FastWithdraw", 951_000n, 247_266n * 10n ** 15n, 248n * 10n ** 18n],
    ["FastWithdrawNFT", false, "FastWithdrawNFT", 3_271_500n, 850_600n * 10n ** 15n, 851n * 10n ** 18n],
  ];

  it.each(cases)("%j (recipient exists: %s) → %s", async (feeType, recipientExists, output, gas, exact, total) => {
    const quote = await new FeeModel(prices()).quoteTx(feeType, { token: DAI, recipientExists });
    const name = typeof quote.feeType === "string" ? quote.feeType : `ChangePubKey:${quote.feeType.ChangePubKey}`;
    expect(name).toBe(output);
    expect(quote.gasTxAmount).toBe(gas);
    expect(quote.gasPriceWei).toBe(100n * GWEI);
    expect(quote.gasFee).toBe(gas * 26n * 10n ** 13n);
    expect(quote.gasFee + quote.zkpFee).toBe(exact);
    expect(quote.totalFee).toBe(total);
  });

  it("converts by the token's price and decimals, rounding each part up (USDC: 6 decimals at $0.999)", async () => {
    // gas $0.182 / 0.999 = 182182.18… → 182183; zkp $0.002 / 0.999 = 2002.002… → 2003; 184186 → packable 184200
    expect(await new FeeModel(prices()).quoteTx("Transfer", { token: USDC, recipientExists: true })).toEqual({
      feeType: "Transfer",
      gasTxAmount: 700n,
      gasPriceWei: 100n * GWEI,
      gasFee: 182_183n,
      zkpFee: 2_003n,
      totalFee: 184_200n,
    });
    // in ETH: gas 700 × 1.3e11 wei = 9.1e13; zkp 0.002 / 2000 ETH = 1e12
    const eth = await new FeeModel(prices()).quoteTx("Transfer", { token: ETH, recipientExists: true });
    expect([eth.gasFee, eth.zkpFee, eth.totalFee]).toEqual([91n * 10n ** 12n, 10n ** 12n, 92n * 10n ** 12n]);
  });

  it("applies scaleFeePercent to L2-only types only, and takes other config knobs", async () => {
    const model = new FeeModel(prices(), { scaleFeePercent: 150n, zkpCostChunkUsd: "0.002", gasRiskPercent: 100n });
    const transfer = await model.quoteTx("Transfer", { token: DAI, recipientExists: true });
    expect(transfer.gasFee).toBe((700n * 2n * 10n ** 14n * 3n) / 2n); // 700 × 1e11 × 2000/1e18 × 1.5
    expect(transfer.zkpFee).toBe(4n * 10n ** 15n);
    const withdraw = await model.quoteTx("Withdraw", { token: DAI });
    expect(withdraw.gasFee).toBe(95_100n * 2n * 10n ** 14n);
  });

  it("prices fast withdrawals from the pending blocks when given", async () => {
    const fastWithdrawal = { remainingPendingChunks: 20, blocksToCommit: 2, blocksToProve: 7, blocksToExecute: 0 };
    const quote = await new FeeModel(prices()).quoteTx("FastWithdraw", { token: DAI, fastWithdrawal });
    // commit 450k − 90k×2, execute 450k, prove 1.5M − 300k×(7 mod 5), + 20 free chunks × 200
    expect(quote.gasTxAmount).toBe(270_000n + 450_000n + 900_000n + 4_000n);
    const full = await new FeeModel(prices()).quoteTx("FastWithdraw", { token: DAI, fastWithdrawal: { ...fastWithdrawal, remainingPendingChunks: 5 } });
    expect(full.gasTxAmount).toBe(270_000n + 450_000n + 900_000n);
  });

  it("refuses tokens without a price or not allowed, unknown fee types, and a missing ETH price", async () => {
    await expect(new FeeModel(prices()).quoteTx("Transfer", { token: SHIB })).rejects.toMatchObject({ code: "FEE_TOKEN_NOT_ALLOWED" });
    const onlyEth = new FeeModel(prices(), { feeTokenAllowed: (token) => token.symbol === "USDC" });
    await expect(onlyEth.quoteTx("Transfer", { token: DAI })).rejects.toMatchObject({ code: "FEE_TOKEN_NOT_ALLOWED" });
    await expect(onlyEth.quoteTx("Transfer", { token: ETH })).resolves.toBeDefined();
    expect(await onlyEth.isTokenAllowedForFees(DAI)).toBe(false);
    expect(await onlyEth.isTokenAllowedForFees(USDC)).toBe(true);
    const zero = new FixedPriceSource({ pricesUsd: { ETH: "2000", DAI: "0" }, gasPriceWei: 1n });
    await expect(new FeeModel(zero).quoteTx("Transfer", { token: DAI })).rejects.toMatchObject({ code: "FEE_TOKEN_NOT_ALLOWED" });
    await expect(new FeeModel(prices()).quoteTx("Close" as FeeType, { token: DAI })).rejects.toMatchObject({ code: "INVALID_FEE_TYPE" });
    await expect(new FeeModel(prices()).quoteTx({ ChangePubKey: "Legacy" } as unknown as FeeType, { token: DAI })).rejects.toMatchObject({
      code: "INVALID_FEE_TYPE",
    });
    const noEth = new FixedPriceSource({ pricesUsd: { DAI: "1" }, gasPriceWei: 1n });
    await expect(new FeeModel(noEth).quoteTx("Transfer", { token: DAI })).rejects.toMatchObject({ code: "FEE_PRICE_UNAVAILABLE" });
    expect(() => new FixedPriceSource({ pricesUsd: { X: "1e3" }, gasPriceWei: 1n })).toThrow(expect.objectContaining({ code: "INVALID_PRICE" }));
  });
});

describe("FeeModel.quoteBatch", () => {
  it("sums the exact parts and rounds once", async () => {
    const model = new FeeModel(prices());
    const batch = await model.quoteBatch(
      [{ feeType: "Transfer", recipientExists: true }, { feeType: "Transfer" }, { feeType: { ChangePubKey: "ECDSA" } }],
      DAI,
    );
    // gas (700 + 2140 + 13900) × 2.6e14, zkp (2 + 6 + 6) × 1e15
    expect(batch.gasFee).toBe(16_740n * 26n * 10n ** 13n);
    expect(batch.zkpFee).toBe(14n * 10n ** 15n);
    expect(batch.totalFee).toBe(closestGreaterOrEqPackableTransactionFee(batch.gasFee + batch.zkpFee));
    expect(batch.totalFee).toBe(437n * 10n ** 16n); // 4.3664e18 → 4.37e18
    const single = await model.quoteTx("Withdraw", { token: USDC });
    expect((await model.quoteBatch([{ feeType: "Withdraw" }], USDC)).totalFee).toBe(single.totalFee);
    expect(await model.quoteBatch([], DAI)).toEqual({ gasFee: 0n, zkpFee: 0n, totalFee: 0n });
  });
});

describe("FeeModel.isFeeSufficient (zkSync's tolerance: max(+5 %, +$0.01), ×2 under $0.01)", () => {
  const model = new FeeModel(prices());
  const usd = (cents: bigint, extraWei = 0n) => cents * 10n ** 16n + extraWei; // DAI at $1
  it.each([
    ["$0.005 doubles to $0.01", usd(0n, 5n * 10n ** 15n), usd(1n), true],
    ["$0.005 does not reach $0.01 + 1 wei", usd(0n, 5n * 10n ** 15n), usd(1n, 1n), false],
    ["$0.01 is not under a cent: + $0.01", usd(1n), usd(2n), true],
    ["$0.01 + $0.01 < $0.02 + 1 wei", usd(1n), usd(2n, 1n), false],
    ["$0.015 + $0.01 beats +5 %", usd(1n, 5n * 10n ** 15n), usd(2n, 5n * 10n ** 15n), true],
    ["$0.015 + $0.01 < $0.025 + 1 wei", usd(1n, 5n * 10n ** 15n), usd(2n, 5n * 10n ** 15n + 1n), false],
    ["$0.30 + 5 % = $0.315", usd(30n), usd(31n, 5n * 10n ** 15n), true],
    ["$0.30 + 5 % < $0.315 + 1 wei", usd(30n), usd(31n, 5n * 10n ** 15n + 1n), false],
    ["$0.30 pays $0.30", usd(30n), usd(30n), true],
    ["0 pays 0", 0n, 0n, true],
    ["0 does not pay 1 wei", 0n, 1n, false],
  ])("%s", async (_name, provided, required, sufficient) => {
    expect(await model.isFeeSufficient(provided, required, DAI)).toBe(sufficient);
  });

  it("works in the token's own units (USDC: 6 decimals at $0.999)", async () => {
    // $0.30 at $0.999 is 300300.3… USDC units; + 5 %
    const provided = 300_301n;
    const scaledUsd = (provided * 999n * 105n) / 100n; // in 1e-9 USD
    const requiredMax = (scaledUsd * 1000n) / 999n / 1000n; // back to USDC units, rounded down
    expect(await model.isFeeSufficient(provided, requiredMax, USDC)).toBe(true);
    expect(await model.isFeeSufficient(provided, requiredMax + 1n, USDC)).toBe(false);
  });

  it("refuses a token without a price", async () => {
    await expect(model.isFeeSufficient(1n, 1n, SHIB)).rejects.toMatchObject({ code: "FEE_TOKEN_NOT_ALLOWED" });
  });
});

describe("FeeModel properties", () => {
  const feeTypes: FeeType[] = [
    "Transfer",
    "TransferToNew",
    "Withdraw",
    "FastWithdraw",
    "ForcedExit",
    "MintNFT",
    "WithdrawNFT",
    "FastWithdrawNFT",
    "Swap",
    { ChangePubKey: "ECDSA" },
    { ChangePubKey: "EIP712" },
    { ChangePubKey: "Onchain" },
    { ChangePubKey: "CREATE2" },
  ];
  const arbitraries = {
    feeType: fc.constantFrom(...feeTypes),
    recipientExists: fc.boolean(),
    gasPrice: fc.bigInt({ min: 1n, max: 10n ** 12n }),
    /** USD in millionths */
    ethMicroUsd: fc.bigInt({ min: 1n, max: 10n ** 12n }),
    tokenMicroUsd: fc.bigInt({ min: 1n, max: 10n ** 12n }),
    decimals: fc.integer({ min: 0, max: 18 }),
  };
  const micro = (value: bigint) => ({ num: value, den: 10n ** 6n });

  it("quotes are packable, cover the exact cost, and are the smallest such fee", async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraries.feeType,
        arbitraries.recipientExists,
        arbitraries.gasPrice,
        arbitraries.ethMicroUsd,
        arbitraries.tokenMicroUsd,
        arbitraries.decimals,
        async (feeType, recipientExists, gasPrice, eth, tokenPrice, decimals) => {
          const source = new FixedPriceSource({ pricesUsd: { ETH: micro(eth), TKN: micro(tokenPrice) }, gasPriceWei: gasPrice });
          const token = { id: 9, symbol: "TKN", decimals };
          const quote = await new FeeModel(source).quoteTx(feeType, { token, recipientExists });
          // exact cost in token units: (gas × price × 1.3 × eth/1e18 + 0.001 × chunks) / tokenPrice × 10^decimals
          const chunks = BigInt({ Transfer: 2, TransferToNew: 6, Withdraw: 6, FastWithdraw: 6, WithdrawNFT: 10, FastWithdrawNFT: 10, MintNFT: 5, Swap: 5 }[
            typeof quote.feeType === "string" ? quote.feeType : "Withdraw"
          ]!);
          const scale = 10n ** BigInt(decimals);
          const gasNum = quote.gasTxAmount * gasPrice * 13n * eth * scale; // / (10 × 1e18 × tokenPrice)
          const gasDen = 10n * 10n ** 18n * tokenPrice;
          const zkpNum = chunks * scale * 10n ** 6n; // 0.001 USD × chunks / (tokenPrice / 1e6)
          const zkpDen = 1000n * tokenPrice;
          expect(quote.gasFee).toBe((gasNum + gasDen - 1n) / gasDen);
          expect(quote.zkpFee).toBe((zkpNum + zkpDen - 1n) / zkpDen);
          expect(isTransactionFeePackable(quote.totalFee)).toBe(true);
          expect(quote.totalFee).toBeGreaterThanOrEqual(quote.gasFee + quote.zkpFee);
          expect(quote.totalFee * gasDen * zkpDen).toBeGreaterThanOrEqual(gasNum * zkpDen + zkpNum * gasDen);
          expect(quote.totalFee).toBe(closestGreaterOrEqPackableTransactionFee(quote.gasFee + quote.zkpFee));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("fees are monotone in the gas price", async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraries.feeType,
        arbitraries.gasPrice,
        arbitraries.gasPrice,
        arbitraries.ethMicroUsd,
        arbitraries.tokenMicroUsd,
        async (feeType, a, b, eth, tokenPrice) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          const source = new FixedPriceSource({ pricesUsd: { ETH: micro(eth), TKN: micro(tokenPrice) }, gasPriceWei: low });
          const model = new FeeModel(source);
          const token = { id: 9, symbol: "TKN", decimals: 18 };
          const cheap = await model.quoteTx(feeType, { token });
          source.setGasPriceWei(high);
          const dear = await model.quoteTx(feeType, { token });
          expect(dear.gasFee).toBeGreaterThanOrEqual(cheap.gasFee);
          expect(dear.totalFee).toBeGreaterThanOrEqual(cheap.totalFee);
          expect(dear.zkpFee).toBe(cheap.zkpFee);
        },
      ),
      { numRuns: 300 },
    );
  });
});
