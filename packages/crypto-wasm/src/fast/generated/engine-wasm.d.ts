// Types of engine-wasm.js, which native/build.mjs generates (the compiled engine, base64-encoded).
export declare const engineWasmBase64: string;
