import { computeMemberClasses } from './member-class.calculator';
import {
  FY_START_MONTH,
  HINOKI,
  KAEDE,
  POLICY_V1,
  PROJECT,
  SAKURA,
  TODAY,
  contribution,
  entitlementFor,
  foregroundAsset,
  member,
} from './scenario.fixtures';

// Tohoku IP Share, class S: ≥ 30% of the project's company funding → free commercial licence
// to the project's foreground IP. ¥100,000,000 of company money in FY2026: Kaede exactly 30%,
// Sakura one yen less, Hinoki the rest.
describe('IP Share: exactly 30.00% is class S, one yen less is class A', () => {
  const contributions = [
    contribution(KAEDE, PROJECT, 2026, 30_000_000n),
    contribution(SAKURA, PROJECT, 2026, 29_999_999n),
    contribution(HINOKI, PROJECT, 2026, 40_000_001n),
  ];
  const classOf = (organisationId: string) =>
    computeMemberClasses({
      organisationId,
      contributions,
      policyVersions: [POLICY_V1],
      asOf: TODAY,
      fiscalYearStartMonth: FY_START_MONTH,
    }).outcomes[0];

  it('puts ¥30,000,000 of ¥100,000,000 in class S (3000 bp)', () => {
    expect(classOf(KAEDE)).toMatchObject({
      scope: { basis: 'project', projectId: PROJECT },
      classCode: 'S',
      benefit: 'free',
      discountBp: null,
      contributedYen: 30_000_000n,
      totalYen: 100_000_000n,
      shareBp: 3000,
      fiscalYear: 2026,
      contributions: [
        {
          id: contributions[0].id,
          projectId: PROJECT,
          fiscalYear: 2026,
          directCostYen: 30_000_000n,
        },
      ],
    });
  });

  it('puts ¥29,999,999 in class A although the share shows 2999 bp', () => {
    expect(classOf(SAKURA)).toMatchObject({
      classCode: 'A',
      benefit: 'discount',
      discountBp: 5000,
      shareBp: 2999,
    });
  });

  it('gives class S a free commercial licence, with the contribution behind it', () => {
    const e = entitlementFor({
      purpose: 'commercial',
      asset: foregroundAsset(),
      member: member(KAEDE),
      contributions,
    });
    expect(e.right).toBe('free');
    expect(e.discountBp).toBeNull();
    expect(e.reason).toMatchObject({
      ruleId: 'FOREGROUND_BUSINESS_CLASS_FREE',
      memberClass: { code: 'S', shareBp: 3000 },
      contributions: [{ id: contributions[0].id, directCostYen: 30_000_000n }],
      policyVersionId: 'policy-v1',
      policyVersion: 1,
      computedAt: null,
    });
  });

  it('gives the member one yen short the class A discount instead', () => {
    const e = entitlementFor({
      purpose: 'commercial',
      asset: foregroundAsset(),
      member: member(SAKURA),
      contributions,
    });
    expect(e.right).toBe('discounted');
    expect(e.discountBp).toBe(5000);
    expect(e.reason.ruleId).toBe('FOREGROUND_BUSINESS_CLASS_DISCOUNT');
  });
});
