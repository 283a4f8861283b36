import {
  HINOKI,
  KAEDE,
  PROJECT,
  SAKURA,
  contribution,
  entitlementFor,
  foregroundAsset,
  member,
} from './scenario.fixtures';

// Tohoku IP Share, class A: ≥ 10% → 50% off the standard royalty; below it any contribution is
// class B (standard terms). ¥100,000,000 of company money: Kaede exactly 10%, Sakura one yen less.
describe('IP Share: exactly 10.00% is class A, one yen less is class B', () => {
  const contributions = [
    contribution(KAEDE, PROJECT, 2026, 10_000_000n),
    contribution(SAKURA, PROJECT, 2026, 9_999_999n),
    contribution(HINOKI, PROJECT, 2026, 80_000_001n),
  ];

  it('gives ¥10,000,000 of ¥100,000,000 class A: discounted by 5000 bp', () => {
    const e = entitlementFor({
      purpose: 'commercial',
      asset: foregroundAsset(),
      member: member(KAEDE),
      contributions,
    });
    expect(e).toMatchObject({ right: 'discounted', discountBp: 5000 });
    expect(e.reason).toMatchObject({
      ruleId: 'FOREGROUND_BUSINESS_CLASS_DISCOUNT',
      memberClass: {
        code: 'A',
        benefit: 'discount',
        discountBp: 5000,
        shareBp: 1000,
        contributedYen: 10_000_000n,
        totalYen: 100_000_000n,
      },
    });
    expect(e.reason.text).toContain('50% off');
  });

  it('gives ¥9,999,999 class B: standard terms', () => {
    const e = entitlementFor({
      purpose: 'commercial',
      asset: foregroundAsset(),
      member: member(SAKURA),
      contributions,
    });
    expect(e).toMatchObject({ right: 'standard', discountBp: null });
    expect(e.reason).toMatchObject({
      ruleId: 'FOREGROUND_BUSINESS_CLASS_STANDARD',
      memberClass: { code: 'B', shareBp: 999 },
    });
  });
});
