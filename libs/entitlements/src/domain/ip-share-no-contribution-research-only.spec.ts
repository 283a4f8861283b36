import { computeMemberClasses } from './member-class.calculator';
import {
  FY_START_MONTH,
  HINOKI,
  KAEDE,
  POLICY_V1,
  PROJECT,
  TODAY,
  TOHOKU,
  contribution,
  entitlementFor,
  foregroundAsset,
  member,
  policyVersion,
} from './scenario.fixtures';

// IP Share: no contribution → no class, "research use only". The participant still gets the
// Nagoya "licence to participants in principle" on standard terms (rule
// FOREGROUND_BUSINESS_PARTICIPANT_NO_CLASS); a non-participant gets nothing automatic.
describe('IP Share: zero contribution gives no class (research use only)', () => {
  const contributions = [
    contribution(HINOKI, PROJECT, 2026, 50_000_000n),
    contribution(KAEDE, PROJECT, 2026, 0n),
  ];

  it('computes no class for a member whose only contribution is ¥0', () => {
    const classes = computeMemberClasses({
      organisationId: KAEDE,
      contributions,
      policyVersions: [POLICY_V1],
      asOf: TODAY,
      fiscalYearStartMonth: FY_START_MONTH,
    });
    expect(classes.outcomes).toEqual([]);
  });

  it('lets a participant without contribution research freely', () => {
    const e = entitlementFor({
      purpose: 'research',
      asset: foregroundAsset(),
      member: member(KAEDE),
      contributions,
    });
    expect(e.right).toBe('free');
    expect(e.reason).toMatchObject({
      ruleId: 'FOREGROUND_RESEARCH_PARTICIPANT',
      memberClass: null,
    });
  });

  it('gives the participant without class a standard licence in principle, with no contributions behind it', () => {
    const university = member(TOHOKU, { kind: 'university' });
    const e = entitlementFor({
      purpose: 'commercial',
      asset: foregroundAsset({ owners: [{ organisationId: HINOKI, shareBp: 10_000 }] }),
      member: university,
      contributions,
    });
    expect(e.right).toBe('standard');
    expect(e.reason).toMatchObject({
      ruleId: 'FOREGROUND_BUSINESS_PARTICIPANT_NO_CLASS',
      memberClass: null,
      contributions: [],
    });
  });

  it('treats a configured research-only class like no class for business use', () => {
    const withResearchOnlyClass = policyVersion(1, '2026-04-01', {
      classes: [
        { code: 'S', minimum: '3000', benefit: 'free' },
        { code: 'R', minimum: '0', benefit: 'research_only' },
      ],
    });
    const small = [
      contribution(KAEDE, PROJECT, 2026, 1_000_000n),
      contribution(HINOKI, PROJECT, 2026, 99_000_000n),
    ];
    const e = entitlementFor({
      purpose: 'commercial',
      asset: foregroundAsset(),
      member: member(KAEDE),
      contributions: small,
      policyVersions: [withResearchOnlyClass],
    });
    expect(e.right).toBe('standard');
    expect(e.reason).toMatchObject({
      ruleId: 'FOREGROUND_BUSINESS_PARTICIPANT_NO_CLASS',
      memberClass: { code: 'R', benefit: 'research_only' },
    });
  });

  it('leaves a non-participant without class to the committee for business use', () => {
    const e = entitlementFor({
      purpose: 'commercial',
      asset: foregroundAsset(),
      member: member(KAEDE, { participantOfAssetProject: false }),
      contributions,
    });
    expect(e.right).toBe('committee_decides');
    expect(e.reason.ruleId).toBe('FOREGROUND_BUSINESS_NOT_PARTICIPANT');
  });
});
