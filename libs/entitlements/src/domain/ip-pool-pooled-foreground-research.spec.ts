import { KAEDE, SAKURA, entitlementFor, foregroundAsset, member } from './scenario.fixtures';

// Tohoku IP Pool: foreground IP of the platform's joint research is accumulated and managed
// centrally inside the platform. Our decision (DOMAIN.md is silent): pooled foreground IP is
// free for research by every member; non-pooled foreground IP only for the project's
// participants. Pooling gives no business right by itself.
describe('IP Pool: pooled foreground IP is free for research by every member', () => {
  const outsideTheProject = member(SAKURA, { participantOfAssetProject: false });

  it('lets a member outside the project research with pooled IP', () => {
    const e = entitlementFor({
      purpose: 'research',
      asset: foregroundAsset({ pooled: true }),
      member: outsideTheProject,
    });
    expect(e.right).toBe('free');
    expect(e.reason.ruleId).toBe('FOREGROUND_RESEARCH_POOLED_MEMBER');
  });

  it('gives the same member no research right on non-pooled IP of that project', () => {
    const e = entitlementFor({
      purpose: 'research',
      asset: foregroundAsset({ pooled: false }),
      member: outsideTheProject,
    });
    expect(e.right).toBe('none');
    expect(e.reason.ruleId).toBe('FOREGROUND_RESEARCH_NOT_PARTICIPANT');
  });

  it('still sends business use of pooled IP by a non-participant to the committee', () => {
    const e = entitlementFor({
      purpose: 'commercial',
      asset: foregroundAsset({ pooled: true }),
      member: outsideTheProject,
    });
    expect(e.right).toBe('committee_decides');
    expect(e.reason.ruleId).toBe('FOREGROUND_BUSINESS_NOT_PARTICIPANT');
  });

  it('makes no difference to participants, who research freely either way', () => {
    for (const pooled of [true, false]) {
      const e = entitlementFor({
        purpose: 'research',
        asset: foregroundAsset({ pooled }),
        member: member(KAEDE),
      });
      expect(e.reason.ruleId).toBe('FOREGROUND_RESEARCH_PARTICIPANT');
    }
  });
});
