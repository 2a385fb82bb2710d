/**
 * zkSync's tolerance for price moves between quoting and submitting (PROTOCOL.md §8.3, `scale_user_fee_up` in
 * `tx_sender.rs`): the user's fee, in USD, is scaled up by max(+5 %, +$0.01) — or doubled when under $0.01, where
 * +$0.01 would be more than ×2 — before it is compared with the required fee.
 */
import { add, cmp, max, mul, ratio, type Ratio } from "./ratio.js";

const ONE_CENT = ratio(1n, 100n);

export function scaleUserFeeUpUsd(providedUsd: Ratio): Ratio {
  if (cmp(providedUsd, ONE_CENT) < 0) return mul(providedUsd, ratio(2n));
  return max(mul(providedUsd, ratio(105n, 100n)), add(providedUsd, ONE_CENT));
}

/** The scaled user fee covers the required one (both in USD). */
export function isFeeSufficientUsd(providedUsd: Ratio, requiredUsd: Ratio): boolean {
  return cmp(scaleUserFeeUpUsd(providedUsd), requiredUsd) >= 0;
}
