import { DomainError } from './domain-error';

/** Whole Japanese yen. Always a bigint: money never touches floating point. */
export type Yen = bigint;

/** 100% in basis points. */
export const BP_DENOMINATOR = 10_000n;

/** Largest amount the ledger accepts in one line: PostgreSQL bigint's maximum. */
export const MAX_YEN = 9_223_372_036_854_775_807n;

/**
 * The project's one rounding rule: applying a rate to an amount truncates the fraction of a
 * yen toward zero (端数切捨て, as Japanese public accounting does for overhead). Splits of an
 * amount never use this rule on each part; they go through `allocate`, which hands out the
 * remainder so that the parts always add up to the whole.
 */
export function applyRateBp(amount: Yen, rateBp: number): Yen {
  if (!Number.isInteger(rateBp) || rateBp < 0) {
    throw DomainError.validation('MONEY.INVALID_RATE', `rate must be a non-negative integer of basis points, got ${rateBp}`);
  }
  return (amount * BigInt(rateBp)) / BP_DENOMINATOR;
}

/**
 * Splits `total` in proportion to `weights` with the largest-remainder method: every part
 * gets the truncated share, then the yen left over go one each to the parts with the largest
 * remainders (ties: the earlier part). The parts always sum to `total` exactly.
 */
export function allocate(total: Yen, weights: readonly bigint[]): Yen[] {
  if (weights.length === 0) {
    throw DomainError.validation('MONEY.NO_WEIGHTS', 'cannot allocate over an empty list of weights');
  }
  if (weights.some((w) => w < 0n)) {
    throw DomainError.validation('MONEY.NEGATIVE_WEIGHT', 'allocation weights must not be negative');
  }
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) {
    throw DomainError.validation('MONEY.ZERO_WEIGHTS', 'allocation weights must not all be zero');
  }
  const sign = total < 0n ? -1n : 1n;
  const abs = total * sign;
  const parts = weights.map((w) => (abs * w) / sum);
  const remainders = weights.map((w, i) => ({ i, r: (abs * w) % sum }));
  let left = abs - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    parts[i] += 1n;
    left -= 1n;
  }
  return parts.map((p) => p * sign);
}

/** Parses a yen amount from its decimal string form (as the API carries it). */
export function parseYen(value: string | number | bigint, field = 'amount'): Yen {
  if (typeof value === 'bigint') return value;
  const text = typeof value === 'number' ? (Number.isSafeInteger(value) ? String(value) : '') : value.trim();
  if (!/^-?\d{1,19}$/.test(text)) {
    throw DomainError.validation('MONEY.INVALID_AMOUNT', `${field} must be a whole number of yen`, { field });
  }
  const yen = BigInt(text);
  if (yen > MAX_YEN || yen < -MAX_YEN) {
    throw DomainError.validation('MONEY.AMOUNT_TOO_LARGE', `${field} is out of range`, { field });
  }
  return yen;
}

export function sumYen(values: readonly Yen[]): Yen {
  return values.reduce((a, b) => a + b, 0n);
}
