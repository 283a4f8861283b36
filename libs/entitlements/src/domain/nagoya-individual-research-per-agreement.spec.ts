import {
  INDIVIDUAL_PROJECT,
  KAEDE,
  OUTSIDER,
  SAKURA,
  TOHOKU,
  contribution,
  entitlementFor,
  foregroundAsset,
  member,
  outsider,
} from './scenario.fixtures';

// Nagoya HMHS, "Individual research" column (100% company money): foreground IP use, research
// and business, is "per agreement" — the consortium rules grant nothing automatically; owners
// keep their own rights.
describe('Nagoya: individual research, per agreement', () => {
  const asset = foregroundAsset({
    assetId: 'asset-fg-individual',
    projectId: INDIVIDUAL_PROJECT,
    projectKind: 'individual',
    owners: [
      { organisationId: TOHOKU, shareBp: 5000 },
      { organisationId: KAEDE, shareBp: 5000 },
    ],
  });
  // Sakura paid all of the project (it is a second, company-funded participant in this example).
  const contributions = [contribution(SAKURA, INDIVIDUAL_PROJECT, 2026, 20_000_000n)];

  it.each(['research', 'commercial'] as const)(
    'sends %s use by a participant, even of class S, to the agreement',
    (purpose) => {
      const e = entitlementFor({ purpose, asset, member: member(SAKURA), contributions });
      expect(e.right).toBe('committee_decides');
      expect(e.reason.ruleId).toBe('FOREGROUND_INDIVIDUAL_PER_AGREEMENT');
      expect(e.reason.memberClass?.code).toBe('S');
      expect(e.reason.contributions).toEqual([]);
    },
  );

  it('leaves the co-owners free', () => {
    for (const purpose of ['research', 'commercial'] as const) {
      expect(entitlementFor({ purpose, asset, member: member(KAEDE) }).reason.ruleId).toBe('OWNER');
    }
  });

  it('gives non-members nothing', () => {
    expect(entitlementFor({ purpose: 'research', asset, member: outsider(OUTSIDER) }).right).toBe(
      'none',
    );
  });

  it('still opens research to everyone when the owners put the asset in the commons', () => {
    const e = entitlementFor({
      purpose: 'research',
      asset: { ...asset, researchCommons: true },
      member: outsider(OUTSIDER),
    });
    expect(e.reason.ruleId).toBe('COMMONS_RESEARCH');
  });
});
