import { CommitteeDecision } from './entitlement.types';
import { KAEDE, SAKURA, backgroundAsset, entitlementFor, member } from './scenario.fixtures';

// Nagoya HMHS, background IP business use once the steering committee has decided: its terms
// apply from the day both the decision and the holder's acceptance exist.
describe('Nagoya: background IP, business use, after the committee decision', () => {
  const asset = backgroundAsset();
  const accepted: CommitteeDecision = {
    id: 'decision-2027-01',
    decidedOn: '2027-01-10',
    terms: { right: 'discounted', discountBp: 3000 },
    holderAccepted: true,
  };
  const check = (date: string, decisions: CommitteeDecision[], organisationId = KAEDE) =>
    entitlementFor({
      date,
      purpose: 'commercial',
      asset,
      member: member(organisationId),
      committeeDecisions: decisions,
    });

  it('applies the accepted terms from the decision day', () => {
    expect(check('2027-01-09', [accepted]).reason.ruleId).toBe(
      'BACKGROUND_BUSINESS_COMMITTEE_PENDING',
    );
    const e = check('2027-01-10', [accepted]);
    expect(e).toMatchObject({ right: 'discounted', discountBp: 3000 });
    expect(e.reason).toMatchObject({
      ruleId: 'BACKGROUND_BUSINESS_COMMITTEE_TERMS',
      committeeDecisionId: 'decision-2027-01',
    });
    expect(e.reason.text).toContain('30% off');
  });

  it('waits for the holder when it has not accepted', () => {
    const e = check('2027-01-15', [{ ...accepted, holderAccepted: false }]);
    expect(e.right).toBe('committee_decides');
    expect(e.reason).toMatchObject({
      ruleId: 'BACKGROUND_BUSINESS_AWAITING_HOLDER',
      committeeDecisionId: 'decision-2027-01',
    });
  });

  it('applies the terms from the day the holder accepted, when that is later', () => {
    const lateAcceptance = { ...accepted, holderAcceptedOn: '2027-01-20' };
    expect(check('2027-01-19', [lateAcceptance]).reason.ruleId).toBe(
      'BACKGROUND_BUSINESS_AWAITING_HOLDER',
    );
    expect(check('2027-01-20', [lateAcceptance]).right).toBe('discounted');
  });

  it('follows a later accepted decision, and keeps the earlier terms until it is accepted', () => {
    const revised: CommitteeDecision = {
      id: 'decision-2027-03',
      decidedOn: '2027-03-01',
      terms: { right: 'free' },
      holderAccepted: true,
    };
    expect(check('2027-02-28', [accepted, revised]).right).toBe('discounted');
    expect(check('2027-03-01', [accepted, revised])).toMatchObject({
      right: 'free',
      reason: { committeeDecisionId: 'decision-2027-03' },
    });
    expect(check('2027-03-01', [accepted, { ...revised, holderAccepted: false }]).right).toBe(
      'discounted',
    );
  });

  it('can refuse a licence ("licence if possible")', () => {
    const refused: CommitteeDecision = { ...accepted, terms: { right: 'none' } };
    expect(check('2027-01-15', [refused])).toMatchObject({
      right: 'none',
      reason: { ruleId: 'BACKGROUND_BUSINESS_COMMITTEE_TERMS' },
    });
  });

  it('applies a decision for one member to that member only', () => {
    const forSakura = { ...accepted, organisationId: SAKURA };
    expect(check('2027-01-15', [forSakura], SAKURA).right).toBe('discounted');
    expect(check('2027-01-15', [forSakura], KAEDE).reason.ruleId).toBe(
      'BACKGROUND_BUSINESS_COMMITTEE_PENDING',
    );
  });
});
