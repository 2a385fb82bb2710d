// Signs a chain of transfers for the node bench, off the main thread: { privateKey, accountId, to[], fee, firstNonce }
// → [{ tx, ethSignature }] in nonce order.
import { parentPort, workerData } from "node:worker_threads";
import { TestUser } from "../dist/testing/test-user.js";

const { jobs } = workerData;
const results = [];
for (const job of jobs) {
  const user = await TestUser.create(job.privateKey);
  const signed = [];
  for (let i = 0; i < job.to.length; i++) {
    const { tx, ethSignature } = await user.transfer(job.accountId, job.to[i], BigInt(job.amount), BigInt(job.fee), job.firstNonce + i);
    signed.push(JSON.stringify({ tx, signature: ethSignature }));
  }
  results.push(signed);
}
parentPort.postMessage(results);
