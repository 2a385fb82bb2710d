/** Input signals by name: field elements, or (nested) arrays of them. */
export type CircuitInput = { readonly [signal: string]: CircuitSignalValue };
export type CircuitSignalValue = bigint | readonly CircuitSignalValue[];
