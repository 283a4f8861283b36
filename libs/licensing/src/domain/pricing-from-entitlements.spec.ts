import { priceLicence } from './royalty.calculator';
import { AssetEntitlement } from './licensing.types';

const STANDARD = { upfrontFeeYen: 1_000_001n, royaltyBp: 333, annualMinimumYen: 500_001n };
const e = (assetId: string, right: string, discountBp: number | null = null): AssetEntitlement => ({
  assetId,
  right,
  discountBp,
  ruleId: 'RULE',
  text: 'reason',
  committeeDecisionId: null,
});

describe('pricing a licence from entitlements', () => {
  it('free: nothing to pay', () => {
    expect(priceLicence(STANDARD, [e('a', 'free')])).toEqual({
      kind: 'priced',
      discountBp: 10_000,
      terms: { upfrontFeeYen: 0n, royaltyBp: 0, annualMinimumYen: 0n },
      decidingAssetId: 'a',
    });
  });

  it('standard: the standard terms', () => {
    expect(priceLicence(STANDARD, [e('a', 'standard')])).toMatchObject({
      discountBp: 0,
      terms: STANDARD,
    });
  });

  it('discounted 50%: each term × 5000 bp, truncated (the one rounding rule)', () => {
    // 1,000,001 × 0.5 = 500,000.5 → 500,000; 333 bp × 0.5 = 166.5 → 166; 500,001 × 0.5 → 250,000
    expect(priceLicence(STANDARD, [e('a', 'discounted', 5000)])).toMatchObject({
      discountBp: 5000,
      terms: { upfrontFeeYen: 500_000n, royaltyBp: 166, annualMinimumYen: 250_000n },
    });
  });

  it('several assets: the smallest discount decides', () => {
    expect(
      priceLicence(STANDARD, [
        e('a', 'free'),
        e('b', 'discounted', 5000),
        e('c', 'discounted', 2000),
      ]),
    ).toMatchObject({
      discountBp: 2000,
      decidingAssetId: 'c',
    });
  });

  it('committee_decides on any asset: needs the steering committee', () => {
    expect(priceLicence(STANDARD, [e('a', 'free'), e('b', 'committee_decides')])).toEqual({
      kind: 'needs_committee',
      assetIds: ['b'],
    });
  });

  it('none / holder_consent_needed: refused with every refusing asset', () => {
    const out = priceLicence(STANDARD, [
      e('a', 'none'),
      e('b', 'committee_decides'),
      e('c', 'holder_consent_needed'),
    ]);
    expect(out.kind).toBe('refused');
    expect(out.kind === 'refused' && out.refusals.map((r) => r.assetId)).toEqual(['a', 'c']);
  });
});
