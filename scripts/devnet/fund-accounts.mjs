// Deposits ETH from the devnet's Hardhat accounts into their own zkLite accounts, so a newcomer has funded L2
// accounts at once (they still set their signing key themselves).
import { Contract, JsonRpcProvider, parseEther } from "ethers";

const DEPOSIT_ABI = ["function depositETH(address _zkSyncAddress) payable"];

export async function fundDevAccounts({ l1Url, rollupAddress, accounts, amountEth }) {
  const l1 = new JsonRpcProvider(l1Url, undefined, { staticNetwork: true, pollingInterval: 200 });
  try {
    const funded = [];
    for (const index of accounts) {
      const signer = await l1.getSigner(index);
      const rollup = new Contract(rollupAddress, DEPOSIT_ABI, signer);
      await (await rollup.getFunction("depositETH")(signer.address, { value: parseEther(String(amountEth)) })).wait();
      funded.push(signer.address);
    }
    return funded;
  } finally {
    l1.destroy();
  }
}
