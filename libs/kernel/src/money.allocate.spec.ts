import { DomainError } from './domain-error';
import { MAX_YEN, allocate, sumYen } from './money';

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

/** Largest-remainder allocation: truncated shares, then the leftover yen one each by largest remainder. */
describe('allocate', () => {
  it.each([
    // total, weights, expected parts
    [1n, [1n, 1n, 1n], [1n, 0n, 0n]], // one yen, three equal parts: the tie goes to the first
    [2n, [1n, 1n, 1n], [1n, 1n, 0n]],
    [3n, [1n, 1n], [2n, 1n]],
    [3n, [1n, 1n, 1n, 1n], [1n, 1n, 1n, 0n]],
    [10n, [1n, 1n, 1n], [4n, 3n, 3n]],
    [999_999n, [1n, 1n, 1n], [333_333n, 333_333n, 333_333n]], // divides evenly: no leftover
    [999_999n, [1n, 1n, 1n, 1n], [250_000n, 250_000n, 250_000n, 249_999n]],
    [999_999n, [3n, 3n, 1n], [428_571n, 428_571n, 142_857n]],
    [1_000_000n, [3n, 3n, 1n], [428_572n, 428_571n, 142_857n]], // shares 428,571.43 / 428,571.43 / 142,857.14: the tie → first
  ])('splits ¥%p over weights %p as %p', (total, weights, expected) => {
    const parts = allocate(total, weights);
    expect(parts).toEqual(expected);
    expect(sumYen(parts)).toBe(total);
  });

  it('gives the leftover yen to the largest remainder, not simply to the first part', () => {
    // 10 × 1/3 = 3.33…, 10 × 2/3 = 6.66…: the second part has the larger remainder.
    expect(allocate(10n, [1n, 2n])).toEqual([3n, 7n]);
    // 100 over 30% / 50% / 20% of a project's company funding: exact shares, nothing left over.
    expect(allocate(100n, [3000n, 5000n, 2000n])).toEqual([30n, 50n, 20n]);
    // 7 over 1/6, 2/6, 3/6 = 1.166, 2.333, 3.5: the one leftover yen goes to the 0.5 remainder.
    expect(allocate(7n, [1n, 2n, 3n])).toEqual([1n, 2n, 4n]);
  });

  it('breaks exact ties by order: the earlier part gets the yen', () => {
    expect(allocate(1n, [5n, 5n])).toEqual([1n, 0n]);
    expect(allocate(2n, [2n, 1n, 1n, 1n, 1n])).toEqual([1n, 1n, 0n, 0n, 0n]); // shares .67, .33, .33, .33, .33: the first, then the earliest of the tied
  });

  it('never gives anything to a zero weight', () => {
    expect(allocate(5n, [0n, 1n, 1n])).toEqual([0n, 3n, 2n]);
    expect(allocate(1n, [0n, 0n, 1n])).toEqual([0n, 0n, 1n]);
  });

  it('splits zero into zeros', () => {
    expect(allocate(0n, [1n, 2n, 3n])).toEqual([0n, 0n, 0n]);
  });

  it('mirrors positive totals for negative ones, so a reversal undoes its original part by part', () => {
    expect(allocate(-1n, [1n, 1n, 1n])).toEqual([-1n, 0n, 0n]);
    expect(allocate(-10n, [1n, 2n])).toEqual([-3n, -7n]);
    expect(allocate(-999_999n, [1n, 1n, 1n, 1n])).toEqual([
      -250_000n,
      -250_000n,
      -250_000n,
      -249_999n,
    ]);
    const weights = [7n, 11n, 13n];
    expect(allocate(-1_000_003n, weights)).toEqual(allocate(1_000_003n, weights).map((p) => -p));
  });

  it('stays exact for totals near and above 2^53 (where a JS number would lose yen)', () => {
    const near = 2n ** 53n - 1n; // Number.MAX_SAFE_INTEGER
    const above = 2n ** 53n + 1n;
    for (const total of [near, 2n ** 53n, above, 10n ** 18n + 7n, MAX_YEN]) {
      for (const weights of [
        [1n, 1n],
        [1n, 1n, 1n],
        [3000n, 5000n, 2000n],
        [1n, 2n ** 60n],
        [2n ** 62n, 2n ** 62n, 1n],
      ]) {
        const parts = allocate(total, weights);
        expect(sumYen(parts)).toBe(total);
        expect(parts.every((p) => p >= 0n)).toBe(true);
      }
    }
    expect(allocate(above, [1n, 1n])).toEqual([2n ** 52n + 1n, 2n ** 52n]);
    expect(allocate(MAX_YEN, [1n, 1n])).toEqual([2n ** 62n, 2n ** 62n - 1n]);
  });

  it('always sums to the total and keeps every part within one yen of its exact share (fixed pseudo-random cases)', () => {
    // A small deterministic generator: the same 500 cases every run.
    let seed = 20260401n;
    const next = (bound: bigint) => {
      seed = (seed * 6364136223846793005n + 1442695040888963407n) % 2n ** 64n;
      return (seed >> 11n) % bound;
    };
    for (let n = 0; n < 500; n++) {
      const total = next(2n) === 0n ? next(1_000_000n) : next(MAX_YEN);
      const signed = next(4n) === 0n ? -total : total;
      const weights = Array.from({ length: Number(next(7n)) + 1 }, () => next(1_000_000_000n));
      if (!weights.some((w) => w > 0n)) weights[0] = 1n;
      const parts = allocate(signed, weights);
      const sum = sumYen(weights);
      expect(sumYen(parts)).toBe(signed);
      parts.forEach((p, i) => {
        const exactTimesSum = signed * weights[i]; // the exact share is exactTimesSum / sum
        const diff = p * sum - exactTimesSum;
        expect(diff < 0n ? -diff : diff).toBeLessThan(sum);
      });
    }
  });

  it('rejects an empty list, negative weights and all-zero weights with a code', () => {
    expect(thrown(() => allocate(10n, []))).toMatchObject({
      code: 'MONEY.NO_WEIGHTS',
      kind: 'validation',
    });
    expect(thrown(() => allocate(10n, [1n, -1n]))).toMatchObject({
      code: 'MONEY.NEGATIVE_WEIGHT',
      kind: 'validation',
    });
    expect(thrown(() => allocate(10n, [0n, 0n]))).toMatchObject({
      code: 'MONEY.ZERO_WEIGHTS',
      kind: 'validation',
    });
  });
});
