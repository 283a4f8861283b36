import { DomainError } from './domain-error';
import { BP_DENOMINATOR, MAX_YEN, applyRateBp } from './money';

/** The one rounding rule: a rate applied to an amount truncates the fraction of a yen toward zero. */
describe('applyRateBp', () => {
  it('applies the default platform (20%) and standard (10%) overhead rates to whole amounts exactly', () => {
    expect(applyRateBp(10_000_000n, 2000)).toBe(2_000_000n);
    expect(applyRateBp(10_000_000n, 1000)).toBe(1_000_000n);
  });

  it.each([
    // amount, rate, expected: amount × rate / 10000 with the fraction dropped
    [999n, 1000, 99n], // 99.9 → 99
    [9n, 1000, 0n], // 0.9 → 0
    [1n, 9999, 0n], // 0.9999 → 0
    [12_345_679n, 2000, 2_469_135n], // 2,469,135.8 → 2,469,135
    [12_345_675n, 1000, 1_234_567n], // 1,234,567.5: a half is dropped too, never rounded up
  ])('truncates %p × %p bp to %p', (amount, rate, expected) => {
    expect(applyRateBp(amount, rate)).toBe(expected);
  });

  it('truncates toward zero for negative amounts (a reversal is the mirror image of its original)', () => {
    expect(applyRateBp(-999n, 1000)).toBe(-99n);
    expect(applyRateBp(-999n, 1000)).toBe(-applyRateBp(999n, 1000));
  });

  it('gives zero at 0 bp and the amount itself at 100%', () => {
    expect(applyRateBp(123_456_789n, 0)).toBe(0n);
    expect(applyRateBp(123_456_789n, Number(BP_DENOMINATOR))).toBe(123_456_789n);
  });

  it('stays exact for amounts past 2^53 and up to the largest bigint yen', () => {
    const past53 = 2n ** 53n + 1n; // 9,007,199,254,740,993: not representable as a JS number
    expect(applyRateBp(past53, 5000)).toBe(4_503_599_627_370_496n);
    expect(applyRateBp(MAX_YEN, 10_000)).toBe(MAX_YEN);
    expect(applyRateBp(MAX_YEN, 2000)).toBe(1_844_674_407_370_955_161n);
  });

  it.each([[-1], [1.5], [Number.NaN], [Number.POSITIVE_INFINITY]])(
    'rejects the rate %p with MONEY.INVALID_RATE',
    (rate) => {
      let error: unknown;
      try {
        applyRateBp(1000n, rate);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'MONEY.INVALID_RATE', kind: 'validation' });
    },
  );
});
