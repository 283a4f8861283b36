import { planAbandon, reviewWindowEnd } from './review-rules.calculator';

describe('abandon decisions: sole-owned filings go, co-owned ones are offered first', () => {
  it('abandons a sole-owned filing at once', () => {
    expect(planAbandon([{ organisationId: 'u', shareBp: 10000 }], 'u', '2026-09-01')).toEqual({
      kind: 'abandon',
    });
  });

  it('offers a co-owned filing to the co-owners other than the lead institution for 60 days', () => {
    expect(
      planAbandon(
        [
          { organisationId: 'u', shareBp: 5000 },
          { organisationId: 'a', shareBp: 3000 },
          { organisationId: 'b', shareBp: 2000 },
        ],
        'u',
        '2026-09-01',
      ),
    ).toEqual({ kind: 'offer', offeredTo: ['a', 'b'], deadline: '2026-10-31' });
  });

  it('offers to every owner when the lead institution is not one, with the deadline given', () => {
    expect(
      planAbandon(
        [
          { organisationId: 'a', shareBp: 5000 },
          { organisationId: 'b', shareBp: 5000 },
        ],
        'u',
        '2027-01-31',
        30,
      ),
    ).toEqual({
      kind: 'offer',
      offeredTo: ['a', 'b'],
      deadline: '2027-03-02',
    });
  });

  it('ends the review window withinDays after asOf', () => {
    expect(reviewWindowEnd('2026-04-01', 90)).toBe('2026-06-30');
    expect(() => reviewWindowEnd('2026-04-01', 731)).toThrow(/withinDays/);
  });
});
