import { toHex } from "@zklite/protocol";

/** JSON as Prisma stores it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A protocol value as JSON: bigints become decimal strings, bytes become 0x-hex, undefined fields are dropped. */
export function toJsonValue(value: unknown): JsonValue {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array) return toHex(value);
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value instanceof Map) return Object.fromEntries([...value].map(([key, item]) => [String(key), toJsonValue(item)]));
  if (typeof value === "object" && value !== null) {
    const result: { [key: string]: JsonValue } = {};
    for (const [key, field] of Object.entries(value)) if (field !== undefined) result[key] = toJsonValue(field);
    return result;
  }
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value === null) return value;
  return null;
}

/** 0x + 64 hex digits of a field element or hash. */
export function hex32(value: bigint | Uint8Array): string {
  if (value instanceof Uint8Array) return toHex(value);
  return `0x${value.toString(16).padStart(64, "0")}`;
}
