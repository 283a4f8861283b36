import {
  HINOKI,
  KAEDE,
  PROJECT,
  SAKURA,
  TOHOKU,
  contribution,
  entitlementFor,
  foregroundAsset,
  member,
} from './scenario.fixtures';

// Nagoya HMHS, cooperative research, "Foreground IP, business use: licence to participants in
// principle" — on the terms of the participant's IP Share class (Tohoku). Project funding
// FY2026 ¥100M: Kaede ¥40M (S), Sakura ¥15M (A), Hinoki ¥45M (S).
describe('Nagoya: foreground IP, business use', () => {
  const contributions = [
    contribution(KAEDE, PROJECT, 2026, 40_000_000n),
    contribution(SAKURA, PROJECT, 2026, 15_000_000n),
    contribution(HINOKI, PROJECT, 2026, 45_000_000n),
  ];
  const asset = foregroundAsset({ pooled: true });

  it.each([
    [KAEDE, 'free', null, 'FOREGROUND_BUSINESS_CLASS_FREE'],
    [SAKURA, 'discounted', 5000, 'FOREGROUND_BUSINESS_CLASS_DISCOUNT'],
  ] as const)(
    'licenses participant %s on its class terms: %s',
    (organisationId, right, discountBp, ruleId) => {
      const e = entitlementFor({
        purpose: 'commercial',
        asset,
        member: member(organisationId),
        contributions,
      });
      expect(e).toMatchObject({ right, discountBp, reason: { ruleId } });
      expect(e.reason.text).toContain('Licence to participants');
    },
  );

  it('licenses a participant with no class on standard terms (licence in principle)', () => {
    const e = entitlementFor({
      purpose: 'commercial',
      asset: foregroundAsset({ owners: [{ organisationId: KAEDE, shareBp: 10_000 }] }),
      member: member(TOHOKU, { kind: 'university' }),
      contributions,
    });
    expect(e).toMatchObject({
      right: 'standard',
      reason: { ruleId: 'FOREGROUND_BUSINESS_PARTICIPANT_NO_CLASS' },
    });
  });

  it('leaves a member outside the project to the committee', () => {
    const e = entitlementFor({
      purpose: 'commercial',
      asset,
      member: member('org-momiji-foods', { participantOfAssetProject: false }),
      contributions,
    });
    expect(e).toMatchObject({
      right: 'committee_decides',
      discountBp: null,
      reason: { ruleId: 'FOREGROUND_BUSINESS_NOT_PARTICIPANT' },
    });
  });
});
