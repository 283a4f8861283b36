import { CommitteeDecision } from './entitlement.types';
import { KAEDE, backgroundAsset, entitlementFor, member } from './scenario.fixtures';

// Nagoya HMHS, "Background IP, business use: licence if possible; terms decided by the steering
// committee, which the holder respects". Before the committee has decided, it decides.
describe('Nagoya: background IP, business use, before the committee decision', () => {
  const asset = backgroundAsset({ holderConsentsToResearchUse: true });
  const decision: CommitteeDecision = {
    id: 'decision-2027-02',
    decidedOn: '2027-02-10',
    terms: { right: 'standard' },
    holderAccepted: true,
  };

  it('is for the committee to decide when nothing has been decided', () => {
    const e = entitlementFor({ purpose: 'commercial', asset, member: member(KAEDE) });
    expect(e).toMatchObject({ right: 'committee_decides', discountBp: null });
    expect(e.reason).toMatchObject({
      ruleId: 'BACKGROUND_BUSINESS_COMMITTEE_PENDING',
      committeeDecisionId: null,
    });
  });

  it('ignores a decision taken after the date asked about', () => {
    const e = entitlementFor({
      date: '2027-02-09',
      purpose: 'commercial',
      asset,
      member: member(KAEDE),
      committeeDecisions: [decision],
    });
    expect(e.right).toBe('committee_decides');
    expect(e.reason.ruleId).toBe('BACKGROUND_BUSINESS_COMMITTEE_PENDING');
  });

  it('is not changed by the holder’s research consent', () => {
    const e = entitlementFor({
      purpose: 'commercial',
      asset: backgroundAsset({ holderConsentsToResearchUse: false }),
      member: member(KAEDE),
    });
    expect(e.right).toBe('committee_decides');
  });
});
