import { HINOKI, KAEDE, backgroundAsset, entitlementFor, member } from './scenario.fixtures';

// Nagoya HMHS, background IP research without the holder's acceptance: the member must ask.
describe('Nagoya: background IP, research, the holder has not accepted', () => {
  const asset = backgroundAsset({ holderConsentsToResearchUse: false });

  it('needs the holder’s consent', () => {
    const e = entitlementFor({ purpose: 'research', asset, member: member(KAEDE) });
    expect(e.right).toBe('holder_consent_needed');
    expect(e.reason.ruleId).toBe('BACKGROUND_RESEARCH_HOLDER_CONSENT_NEEDED');
  });

  it('does not restrict the holder itself', () => {
    const e = entitlementFor({ purpose: 'research', asset, member: member(HINOKI) });
    expect(e.right).toBe('free');
    expect(e.reason.ruleId).toBe('OWNER');
  });
});
