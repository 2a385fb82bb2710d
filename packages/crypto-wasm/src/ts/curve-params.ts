/**
 * AltBabyJubjub (franklin-crypto `AltJubjubBn256`): the twisted Edwards curve −x² + y² = 1 + d·x²·y²
 * over Fr. It is circomlib's BabyJubJub rescaled to a = −1. Cofactor 8; the prime-order subgroup has
 * order l, and Fs = Z/lZ is the field of private keys and signature scalars.
 */
export const CURVE_D = 12181644023421730124874158521699555681764249180949974110617291017600649128846n;

export const SUBGROUP_ORDER = 2736030358979909402780800718157159386076813972158567259200215660948447373041n;

export const COFACTOR = 8n;
