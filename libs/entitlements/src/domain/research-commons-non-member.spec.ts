import {
  FOREIGN,
  KAEDE,
  OUTSIDER,
  PROJECT,
  backgroundAsset,
  contribution,
  entitlementFor,
  foregroundAsset,
  member,
  outsider,
} from './scenario.fixtures';

// Research Patent Commons (S2): holders opt patents in; any domestic institution may use them
// for research only, free, without an individual licence — member or not. Business use of a
// commons asset falls through to the other rules.
describe('research commons: free research for any domestic institution', () => {
  const commons = foregroundAsset({ researchCommons: true });

  it('is free for research by a registered institution that is not a member', () => {
    const e = entitlementFor({ purpose: 'research', asset: commons, member: outsider(OUTSIDER) });
    expect(e).toMatchObject({ right: 'free', reason: { ruleId: 'COMMONS_RESEARCH' } });
  });

  it('gives that institution no business right', () => {
    const e = entitlementFor({ purpose: 'commercial', asset: commons, member: outsider(OUTSIDER) });
    expect(e).toMatchObject({ right: 'none', reason: { ruleId: 'NOT_A_MEMBER' } });
  });

  it('is for domestic institutions only (S2: 国内他機関)', () => {
    const e = entitlementFor({
      purpose: 'research',
      asset: commons,
      member: outsider(FOREIGN, { country: 'DE' }),
    });
    expect(e.reason.ruleId).toBe('NOT_A_MEMBER');
  });

  it('opens background IP for research even without the holder’s consent (the holder opted in)', () => {
    const e = entitlementFor({
      purpose: 'research',
      asset: backgroundAsset({ researchCommons: true }),
      member: member(KAEDE),
    });
    expect(e.reason.ruleId).toBe('COMMONS_RESEARCH');
  });

  it('leaves business use by a member to its class', () => {
    const e = entitlementFor({
      purpose: 'commercial',
      asset: commons,
      member: member(KAEDE),
      contributions: [
        contribution(KAEDE, PROJECT, 2026, 10_000_000n),
        contribution('org-other', PROJECT, 2026, 10_000_000n),
      ],
    });
    expect(e).toMatchObject({
      right: 'free',
      reason: { ruleId: 'FOREGROUND_BUSINESS_CLASS_FREE' },
    });
  });
});
