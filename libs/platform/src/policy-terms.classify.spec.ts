import { DEFAULT_POLICY_TERMS, MemberClassRules, classify } from './policy-terms';

const byShare = DEFAULT_POLICY_TERMS.memberClassRules; // S ≥ 30%, A ≥ 10% (50% off), B > 0

describe('classify by share of company funding (DOMAIN.md defaults)', () => {
  const total = 100_000_000n; // ¥100M of company funding in the project

  it.each([
    // contribution, class
    [30_000_000n, 'S'], // exactly 30% is S
    [29_999_999n, 'A'], // 29.999999% is A
    [100_000_000n, 'S'], // the only funder
    [10_000_000n, 'A'], // exactly 10%
    [9_999_999n, 'B'], // 9.999999%
    [1n, 'B'], // one yen is more than nothing
  ])('¥%p of ¥100M → class %s', (contribution, code) => {
    expect(classify(byShare, contribution, total)?.code).toBe(code);
  });

  it('compares exactly where a float would not: 3 of 10 yen is 30% → S', () => {
    expect(classify(byShare, 3n, 10n)?.code).toBe('S');
    expect(classify(byShare, 1n, 3n)?.code).toBe('S'); // 33.3…%
    expect(classify(byShare, 2_999_999_999_999n, 10_000_000_000_000n)?.code).toBe('A'); // 29.99999999999%
  });

  it('carries the benefit and its discount', () => {
    expect(classify(byShare, 30n, 100n)).toEqual({ code: 'S', benefit: 'free', discountBp: null });
    expect(classify(byShare, 10n, 100n)).toEqual({
      code: 'A',
      benefit: 'discount',
      discountBp: 5000,
    });
    expect(classify(byShare, 1n, 100n)).toEqual({
      code: 'B',
      benefit: 'standard',
      discountBp: null,
    });
  });

  it('gives no class (research use only) for no contribution', () => {
    expect(classify(byShare, 0n, total)).toBeNull();
    expect(classify(byShare, -1n, total)).toBeNull();
  });

  it('gives no class when the lowest threshold is not reached', () => {
    const onlyS: MemberClassRules = {
      ...byShare,
      classes: [{ code: 'S', minimum: '3000', benefit: 'free' }],
    };
    expect(classify(onlyS, 29n, 100n)).toBeNull();
    expect(classify(onlyS, 30n, 100n)?.code).toBe('S');
  });
});

describe('classify by amount in yen', () => {
  const byAmount: MemberClassRules = {
    basis: 'platform',
    window: 'fiscal_year',
    thresholdKind: 'amount_yen',
    classes: [
      { code: 'S', minimum: '10000000', benefit: 'free' },
      { code: 'A', minimum: '2000000', benefit: 'discount', discountBp: 3000 },
      { code: 'B', minimum: '1', benefit: 'standard' },
    ],
  };

  it.each([
    [10_000_000n, 'S'], // exactly ¥10M
    [9_999_999n, 'A'],
    [2_000_000n, 'A'], // exactly ¥2M
    [1_999_999n, 'B'],
    [1n, 'B'],
    [2n ** 63n - 1n, 'S'],
  ])('¥%p → class %s, whatever the total', (contribution, code) => {
    expect(classify(byAmount, contribution, 0n)?.code).toBe(code);
    expect(classify(byAmount, contribution, 10n ** 12n)?.code).toBe(code);
  });

  it('gives no class for zero, or below the lowest threshold', () => {
    expect(classify(byAmount, 0n, 100n)).toBeNull();
    const high: MemberClassRules = {
      ...byAmount,
      classes: [{ code: 'S', minimum: '10000000', benefit: 'free' }],
    };
    expect(classify(high, 9_999_999n, 100n)).toBeNull();
  });
});
