import { computeMemberClasses } from './member-class.calculator';
import {
  FY_START_MONTH,
  HINOKI,
  KAEDE,
  OTHER_PROJECT,
  PROJECT,
  SAKURA,
  TODAY,
  contribution,
  entitlementFor,
  foregroundAsset,
  member,
  policyVersion,
} from './scenario.fixtures';

// Tohoku: funds are distributed and managed per research project and per company. Basis
// `project` compares a member's money with each project's company funding; basis `platform`
// with the whole platform's. FY2026:
//   project-battery: Kaede ¥30M, Sakura ¥70M  → Kaede 30%  (S)
//   project-sensors: Kaede ¥5M,  Sakura ¥95M  → Kaede 5%   (B)
//   platform:        Kaede ¥35M of ¥200M       → Kaede 17.5% (A)
describe('member class: basis project vs basis platform', () => {
  const contributions = [
    contribution(KAEDE, PROJECT, 2026, 30_000_000n),
    contribution(SAKURA, PROJECT, 2026, 70_000_000n),
    contribution(KAEDE, OTHER_PROJECT, 2026, 5_000_000n),
    contribution(SAKURA, OTHER_PROJECT, 2026, 95_000_000n),
  ];
  const byProject = policyVersion(1, '2026-04-01', { basis: 'project' });
  const byPlatform = policyVersion(1, '2026-04-01', { basis: 'platform' });
  const classes = (organisationId: string, policy = byProject) =>
    computeMemberClasses({
      organisationId,
      contributions,
      policyVersions: [policy],
      asOf: TODAY,
      fiscalYearStartMonth: FY_START_MONTH,
    });

  it('gives one class per project on basis project', () => {
    const result = classes(KAEDE);
    expect(result.basis).toBe('project');
    expect(result.outcomes.map((o) => [o.scope, o.classCode, o.shareBp])).toEqual([
      [{ basis: 'project', projectId: PROJECT }, 'S', 3000],
      [{ basis: 'project', projectId: OTHER_PROJECT }, 'B', 500],
    ]);
  });

  it('gives one class for the platform on basis platform, with all contributions behind it', () => {
    const result = classes(KAEDE, byPlatform);
    expect(result.outcomes).toHaveLength(1);
    expect(result.outcomes[0]).toMatchObject({
      scope: { basis: 'platform' },
      classCode: 'A',
      contributedYen: 35_000_000n,
      totalYen: 200_000_000n,
      shareBp: 1750,
    });
    expect(result.outcomes[0].contributions.map((c) => c.projectId)).toEqual([
      PROJECT,
      OTHER_PROJECT,
    ]);
  });

  it('gives a platform-basis member without contributions an explicit "no class" outcome', () => {
    expect(classes(HINOKI, byPlatform).outcomes[0]).toMatchObject({
      classCode: null,
      benefit: 'research_only',
      totalYen: 200_000_000n,
    });
    expect(classes(HINOKI, byProject).outcomes).toEqual([]);
  });

  it.each([
    // policy, project of the asset, right, discount
    ['project', PROJECT, 'free', null],
    ['project', OTHER_PROJECT, 'standard', null],
    ['platform', PROJECT, 'discounted', 5000],
    ['platform', OTHER_PROJECT, 'discounted', 5000],
  ] as const)('basis %s, asset of %s → %s', (basis, projectId, right, discountBp) => {
    const e = entitlementFor({
      purpose: 'commercial',
      asset: foregroundAsset({ projectId }),
      member: member(KAEDE),
      contributions,
      policyVersions: [basis === 'project' ? byProject : byPlatform],
    });
    expect(e).toMatchObject({ right, discountBp });
  });

  it('applies a platform class only to participants: a non-participant with class A goes to the committee', () => {
    const e = entitlementFor({
      purpose: 'commercial',
      asset: foregroundAsset({ projectId: OTHER_PROJECT }),
      member: member(KAEDE, { participantOfAssetProject: false }),
      contributions,
      policyVersions: [byPlatform],
    });
    expect(e.right).toBe('committee_decides');
    expect(e.reason).toMatchObject({
      ruleId: 'FOREGROUND_BUSINESS_NOT_PARTICIPANT',
      memberClass: { code: 'A' },
      contributions: [],
    });
  });
});
