import { computeMemberClasses } from './member-class.calculator';
import {
  FY_START_MONTH,
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

// Corrections are reversals (DOMAIN.md §3 "Ledger"): a reversed contribution counts neither for
// the member nor in the denominator. Public matching money never counts toward a class.
describe('reversed contributions are ignored', () => {
  const wrongKaede = contribution(KAEDE, PROJECT, 2026, 30_000_000n, { reversed: true });
  const kaede = contribution(KAEDE, PROJECT, 2026, 10_000_000n);
  const wrongSakura = contribution(SAKURA, PROJECT, 2026, 50_000_000n, { reversed: true });
  const sakura = contribution(SAKURA, PROJECT, 2026, 60_000_000n);
  const opera = contribution('jst-opera', PROJECT, 2026, 500_000_000n, {
    sourceKind: 'public_matching',
  });
  const contributions = [wrongKaede, kaede, wrongSakura, sakura, opera];

  it('counts ¥10M of ¥70M (14.28%, class A), not ¥40M of ¥150M', () => {
    const [outcome] = computeMemberClasses({
      organisationId: KAEDE,
      contributions,
      policyVersions: [POLICY_V1],
      asOf: TODAY,
      fiscalYearStartMonth: FY_START_MONTH,
    }).outcomes;
    expect(outcome).toMatchObject({
      classCode: 'A',
      contributedYen: 10_000_000n,
      totalYen: 70_000_000n,
      shareBp: 1428,
    });
    expect(outcome.contributions.map((c) => c.id)).toEqual([kaede.id]);
  });

  it('leaves a member whose only contribution was reversed without a class', () => {
    const e = entitlementFor({
      purpose: 'commercial',
      asset: foregroundAsset(),
      member: member('org-momiji-foods'),
      contributions: [
        ...contributions,
        contribution('org-momiji-foods', PROJECT, 2026, 90_000_000n, { reversed: true }),
      ],
    });
    expect(e.reason).toMatchObject({
      ruleId: 'FOREGROUND_BUSINESS_PARTICIPANT_NO_CLASS',
      memberClass: null,
    });
  });
});
