import {
  KAEDE,
  SAKURA,
  TOHOKU,
  entitlementFor,
  foregroundAsset,
  member,
} from './scenario.fixtures';

// Nagoya HMHS, cooperative research, "Foreground IP, research inside the consortium: no
// enforcement against participants".
describe('Nagoya: foreground IP, research inside the consortium', () => {
  const asset = foregroundAsset({ owners: [{ organisationId: SAKURA, shareBp: 10_000 }] });

  it.each([
    ['a company participant', member(KAEDE)],
    ['a university participant that paid nothing', member(TOHOKU, { kind: 'university' })],
  ])('is free for %s', (_who, participant) => {
    const e = entitlementFor({ purpose: 'research', asset, member: participant });
    expect(e.right).toBe('free');
    expect(e.reason.ruleId).toBe('FOREGROUND_RESEARCH_PARTICIPANT');
    expect(e.reason.text).toContain('no enforcement against participants');
  });

  it('is not granted to a member outside the project when the asset is not pooled', () => {
    const e = entitlementFor({
      purpose: 'research',
      asset,
      member: member(KAEDE, { participantOfAssetProject: false }),
    });
    expect(e.right).toBe('none');
    expect(e.reason.ruleId).toBe('FOREGROUND_RESEARCH_NOT_PARTICIPANT');
  });

  it('is free for a member outside the project when the asset is pooled (our decision)', () => {
    const e = entitlementFor({
      purpose: 'research',
      asset: foregroundAsset({ pooled: true }),
      member: member(KAEDE, { participantOfAssetProject: false }),
    });
    expect(e.right).toBe('free');
    expect(e.reason.ruleId).toBe('FOREGROUND_RESEARCH_POOLED_MEMBER');
  });
});
