import {
  HINOKI,
  KAEDE,
  PROJECT,
  contribution,
  entitlementFor,
  foregroundAsset,
  member,
} from './scenario.fixtures';

// Tohoku IP Share, class B: any contribution above nothing → standard terms, guaranteed licence.
describe('IP Share: one yen makes class B, a guaranteed licence on standard terms', () => {
  const contributions = [
    contribution(KAEDE, PROJECT, 2026, 1n),
    contribution(HINOKI, PROJECT, 2026, 99_999_999n),
  ];

  it('gives ¥1 of ¥100,000,000 class B with the yen behind it', () => {
    const e = entitlementFor({
      purpose: 'commercial',
      asset: foregroundAsset(),
      member: member(KAEDE),
      contributions,
    });
    expect(e.right).toBe('standard');
    expect(e.reason).toMatchObject({
      ruleId: 'FOREGROUND_BUSINESS_CLASS_STANDARD',
      memberClass: { code: 'B', benefit: 'standard', shareBp: 0, contributedYen: 1n },
      contributions: [{ id: contributions[0].id, directCostYen: 1n }],
    });
    expect(e.reason.text).toContain('guaranteed licence');
  });

  it('uses the class for business only: research by the participant is free regardless', () => {
    const e = entitlementFor({
      purpose: 'research',
      asset: foregroundAsset(),
      member: member(KAEDE),
      contributions,
    });
    expect(e.right).toBe('free');
    expect(e.reason.ruleId).toBe('FOREGROUND_RESEARCH_PARTICIPANT');
    expect(e.reason.contributions).toEqual([]);
    expect(e.reason.memberClass?.code).toBe('B');
  });
});
