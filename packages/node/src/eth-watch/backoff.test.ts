import { describe, expect, it } from "vitest";

import { Backoff } from "./backoff.js";

describe("Backoff", () => {
  it("doubles from the initial delay up to the cap and resets", () => {
    const backoff = new Backoff(100, 5_000);
    expect(Array.from({ length: 8 }, () => backoff.next())).toEqual([100, 200, 400, 800, 1_600, 3_200, 5_000, 5_000]);
    expect(backoff.failures).toBe(8);
    for (let i = 0; i < 100; i++) expect(backoff.next()).toBe(5_000);
    backoff.reset();
    expect(backoff.next()).toBe(100);
  });
});
