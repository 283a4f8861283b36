import {
  KAEDE,
  OUTSIDER,
  entitlementFor,
  backgroundAsset,
  member,
  outsider,
} from './scenario.fixtures';

// Nagoya HMHS, "Background IP, research inside the consortium: no enforcement against
// participants if the holder accepts". Participants here are the consortium's members: background
// IP belongs to no project.
describe('Nagoya: background IP, research, the holder accepts', () => {
  const asset = backgroundAsset({ holderConsentsToResearchUse: true });

  it.each([true, false])(
    'is free for a member (participant of some project: %p)',
    (participantOfAssetProject) => {
      const e = entitlementFor({
        purpose: 'research',
        asset,
        member: member(KAEDE, { participantOfAssetProject }),
      });
      expect(e.right).toBe('free');
      expect(e.reason).toMatchObject({
        ruleId: 'BACKGROUND_RESEARCH_HOLDER_CONSENTS',
        memberClass: null,
        committeeDecisionId: null,
      });
    },
  );

  it('is not extended to institutions outside the consortium', () => {
    const e = entitlementFor({ purpose: 'research', asset, member: outsider(OUTSIDER) });
    expect(e.right).toBe('none');
    expect(e.reason.ruleId).toBe('NOT_A_MEMBER');
  });
});
