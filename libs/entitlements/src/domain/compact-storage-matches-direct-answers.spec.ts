import { LocalDate } from '@app/kernel';
import { decideRight } from './decide-right.calculator';
import {
  AssetFacts,
  CommitteeDecision,
  DecideRightInput,
  MemberFacts,
  Purpose,
} from './entitlement.types';
import { classForAsset, computeMemberClasses, policyInForce } from './member-class.calculator';
import { assess } from './rights-situation';
import {
  answerCheck,
  decideSituation,
  groupByRightsKey,
  rightsKey,
  toAssetRuleRow,
  toMemberClassRows,
} from './rights-storage';
import {
  CLOCK,
  FY_START_MONTH,
  HINOKI,
  INDIVIDUAL_PROJECT,
  KAEDE,
  OTHER_PROJECT,
  OUTSIDER,
  POLICY_V1,
  PROJECT,
  SAKURA,
  TOHOKU,
  backgroundAsset,
  contribution,
  foregroundAsset,
  member,
  outsider,
} from './scenario.fixtures';

// Storage holds class rows per (platform, member, project, segment) and one rule row per asset,
// never members × assets. Every check answered from those pieces must equal the direct answer,
// and checks with the same rights key must get the same answer.
describe('compact storage answers exactly like decideRight', () => {
  const PLATFORM = 'platform-opera-battery';
  const contributions = [
    contribution(KAEDE, PROJECT, 2026, 40_000_000n),
    contribution(SAKURA, PROJECT, 2026, 15_000_000n),
    contribution(HINOKI, PROJECT, 2026, 45_000_000n),
    contribution(SAKURA, OTHER_PROJECT, 2026, 3_000_000n),
    contribution(HINOKI, OTHER_PROJECT, 2026, 97_000_000n),
  ];
  const participants: Record<string, string[]> = {
    [KAEDE]: [PROJECT, INDIVIDUAL_PROJECT],
    [SAKURA]: [PROJECT, OTHER_PROJECT],
    [HINOKI]: [PROJECT, OTHER_PROJECT],
    [TOHOKU]: [PROJECT, OTHER_PROJECT],
    'org-momiji-foods': [],
    [OUTSIDER]: [],
  };
  const members: MemberFacts[] = [
    member(KAEDE),
    member(SAKURA),
    member(HINOKI),
    member(TOHOKU, { kind: 'university' }),
    member('org-momiji-foods', { memberships: [{ joinedOn: '2026-04-01', leftOn: '2027-01-12' }] }),
    outsider(OUTSIDER),
  ];
  const assets: AssetFacts[] = [];
  for (const projectId of [PROJECT, OTHER_PROJECT]) {
    for (const pooled of [true, false]) {
      for (const researchCommons of [true, false]) {
        assets.push(
          foregroundAsset({
            assetId: `fg-${projectId}-${pooled}-${researchCommons}`,
            projectId,
            pooled,
            researchCommons,
          }),
        );
      }
    }
  }
  assets.push(
    foregroundAsset({
      assetId: 'fg-individual',
      projectId: INDIVIDUAL_PROJECT,
      projectKind: 'individual',
      owners: [{ organisationId: KAEDE, shareBp: 10_000 }],
    }),
    backgroundAsset({ assetId: 'bg-consent', holderConsentsToResearchUse: true }),
    backgroundAsset({ assetId: 'bg-no-consent' }),
    backgroundAsset({
      assetId: 'bg-decided',
      holderOrganisationId: SAKURA,
      owners: [{ organisationId: SAKURA, shareBp: 10_000 }],
    }),
  );
  const decisions: Record<string, CommitteeDecision[]> = {
    'bg-decided': [
      {
        id: 'decision-1',
        decidedOn: '2027-01-10',
        terms: { right: 'discounted', discountBp: 2000 },
        holderAccepted: true,
      },
    ],
  };
  const dates: LocalDate[] = ['2027-01-09', '2027-01-12', '2027-01-15'];
  const purposes: Purpose[] = ['research', 'commercial'];

  const directInput = (
    m: MemberFacts,
    asset: AssetFacts,
    purpose: Purpose,
    date: LocalDate,
  ): DecideRightInput => {
    const classes = computeMemberClasses({
      organisationId: m.organisationId,
      contributions,
      policyVersions: [POLICY_V1],
      asOf: date,
      fiscalYearStartMonth: FY_START_MONTH,
    });
    return {
      date,
      purpose,
      asset,
      member: {
        ...m,
        participantOfAssetProject:
          asset.origin === 'foreground' && participants[m.organisationId].includes(asset.projectId),
      },
      memberClass: classForAsset(classes, asset),
      committeeDecisions: decisions[asset.assetId] ?? [],
      policy: policyInForce([POLICY_V1], date),
    };
  };

  // What a recompute would store for FY2026 under policy v1: one segment, as of its first day.
  const classRows = members.flatMap((m) =>
    toMemberClassRows(
      PLATFORM,
      computeMemberClasses({
        organisationId: m.organisationId,
        contributions,
        policyVersions: [POLICY_V1],
        asOf: '2026-04-01',
        fiscalYearStartMonth: FY_START_MONTH,
      }),
    ),
  );
  const assetRows = assets.map((a) => toAssetRuleRow(PLATFORM, a));

  const grid = members.flatMap((m) =>
    assets.flatMap((a) => purposes.flatMap((p) => dates.map((d) => ({ m, a, p, d })))),
  );

  it('stores one class row per member and funded project, and one row per asset', () => {
    expect(classRows.map((r) => [r.organisationId, r.projectId, r.classCode])).toEqual([
      [KAEDE, PROJECT, 'S'],
      [SAKURA, PROJECT, 'A'],
      [SAKURA, OTHER_PROJECT, 'B'],
      [HINOKI, PROJECT, 'S'],
      [HINOKI, OTHER_PROJECT, 'S'],
    ]);
    expect(assetRows).toHaveLength(assets.length);
  });

  it('answers every check of the grid from the stored pieces exactly as decideRight does', () => {
    for (const { m, a, p, d } of grid) {
      const direct = decideRight(directInput(m, a, p, d));
      const stored = answerCheck({
        date: d,
        purpose: p,
        fiscalYearStartMonth: FY_START_MONTH,
        asset: assetRows.find((r) => r.assetId === a.assetId)!,
        member: {
          organisationId: m.organisationId,
          kind: m.kind,
          country: m.country,
          memberships: m.memberships,
        },
        participantProjectIds: participants[m.organisationId],
        classRows: classRows.filter((r) => r.organisationId === m.organisationId),
        committeeDecisions: decisions[a.assetId] ?? [],
        policy: POLICY_V1,
        computedAt: null,
      });
      expect(stored).toEqual(direct);
    }
  });

  it('gives equal answers to equal rights keys, and needs far fewer keys than checks', () => {
    const groups = groupByRightsKey(grid, ({ m, a, p, d }) => directInput(m, a, p, d));
    for (const group of groups.values()) {
      const answers = new Set(
        group.map(({ m, a, p, d }) => {
          const e = decideRight(directInput(m, a, p, d));
          return JSON.stringify([e.right, e.discountBp, e.reason.ruleId, e.reason.text]);
        }),
      );
      expect(answers.size).toBe(1);
    }
    expect(grid.length).toBe(6 * 12 * 2 * 3);
    expect(groups.size).toBeLessThan(grid.length / 5);
  });

  it('decides from the situation alone', () => {
    const input = directInput(member(SAKURA), assets[0], 'commercial', '2027-01-15');
    const { situation } = assess(input);
    expect(rightsKey(situation)).toBe(
      'purpose=commercial|owner=0|member=1|domestic=1|commons=1|origin=foreground|project=cooperative|pooled=1|participant=1|class=A:discount:5000|consent=-|committee=none',
    );
    expect(decideSituation(situation)).toMatchObject({
      rule: { id: 'FOREGROUND_BUSINESS_CLASS_DISCOUNT' },
      decision: { right: 'discounted', discountBp: 5000 },
    });
  });

  it('stamps the answer with when the pieces were computed (fixed clock)', () => {
    const e = answerCheck({
      date: '2027-01-15',
      purpose: 'commercial',
      fiscalYearStartMonth: FY_START_MONTH,
      asset: assetRows[0],
      member: {
        organisationId: KAEDE,
        kind: 'company',
        country: 'JP',
        memberships: [{ joinedOn: '2026-04-01', leftOn: null }],
      },
      participantProjectIds: [PROJECT],
      classRows,
      committeeDecisions: [],
      policy: POLICY_V1,
      computedAt: CLOCK.now(),
    });
    expect(e.reason.computedAt).toBe('2027-01-15T03:00:00.000Z');
    expect(e.reason.contributions).toEqual([
      { id: contributions[0].id, projectId: PROJECT, fiscalYear: 2026, directCostYen: 40_000_000n },
    ]);
  });
});
