// Per-operation cost of both implementations (built dist/), one JSON object per line:
// {"bench": "<impl>.<operation>", "value": <ms per op>, "unit": "ms/op", "iterations": N}
import { randomBytes } from "node:crypto";
import * as wasm from "../dist/index.js";
import * as ts from "../dist/ts/index.js";

await wasm.init();

const privateKey = wasm.privateKeyFromSeed(randomBytes(65));
const publicKey = wasm.privateKeyToPubKey(privateKey);
const message = randomBytes(77);
const orders = randomBytes(178);
const signature = wasm.signMusig(privateKey, message);

const operations = {
  privateKeyFromSeed: [200, (api) => api.privateKeyFromSeed(randomBytes(65))],
  privateKeyToPubKey: [50, (api) => api.privateKeyToPubKey(privateKey)],
  pubKeyHash: [30, (api) => api.pubKeyHash(publicKey)],
  rescueHashTxMsg: [20, (api) => api.rescueHashTxMsg(message)],
  rescueHashOrders: [20, (api) => api.rescueHashOrders(orders)],
  signMusig: [20, (api) => api.signMusig(privateKey, message)],
  verifyMusig: [20, (api) => api.verifyMusig(message, signature)],
};

for (const [implementation, api] of [["wasm", wasm], ["ts", ts]]) {
  for (const [operation, [iterations, run]] of Object.entries(operations)) {
    run(api); // warm-up (also builds lazy tables)
    const start = performance.now();
    for (let i = 0; i < iterations; i++) run(api);
    const value = (performance.now() - start) / iterations;
    console.log(JSON.stringify({ bench: `${implementation}.${operation}`, value: Number(value.toFixed(3)), unit: "ms/op", iterations }));
  }
}
