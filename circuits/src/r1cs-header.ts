import { openSync, readSync, closeSync } from "node:fs";
import { ZkLiteError } from "@zklite/crypto-wasm";

/** The counts a .r1cs file declares in its header section (iden3 r1cs binary format, version 1). */
export interface R1csHeader {
  readonly wires: number;
  readonly publicOutputs: number;
  readonly publicInputs: number;
  readonly privateInputs: number;
  readonly constraints: number;
}

const HEADER_SECTION = 1;

export function readR1csHeader(file: string): R1csHeader {
  const fd = openSync(file, "r");
  try {
    const read = (position: number, length: number): Buffer => {
      const buffer = Buffer.alloc(length);
      if (readSync(fd, buffer, 0, length, position) !== length) throw malformed(file, "truncated");
      return buffer;
    };
    const start = read(0, 12);
    if (start.toString("latin1", 0, 4) !== "r1cs") throw malformed(file, "bad magic");
    const sections = start.readUInt32LE(8);
    let position = 12;
    for (let i = 0; i < sections; i++) {
      const sectionHead = read(position, 12);
      const type = sectionHead.readUInt32LE(0);
      const size = Number(sectionHead.readBigUInt64LE(4));
      position += 12;
      if (type === HEADER_SECTION) {
        const fieldSize = read(position, 4).readUInt32LE(0);
        const counts = read(position + 4 + fieldSize, 28);
        return {
          wires: counts.readUInt32LE(0),
          publicOutputs: counts.readUInt32LE(4),
          publicInputs: counts.readUInt32LE(8),
          privateInputs: counts.readUInt32LE(12),
          constraints: counts.readUInt32LE(24),
        };
      }
      position += size;
    }
    throw malformed(file, "no header section");
  } finally {
    closeSync(fd);
  }
}

function malformed(file: string, why: string): ZkLiteError {
  return new ZkLiteError("MALFORMED_R1CS", `${file}: ${why}`);
}
