import { allocateCost } from './cost-allocation.calculator';
import { UNI, baseInput } from './cost-allocation.fixtures';

describe('allocateCost: several owners, no company', () => {
  it('splits by share with the largest remainder, summing to the cost', () => {
    const result = allocateCost(
      baseInput({
        amountYen: 10n,
        owners: [
          { organisationId: UNI, shareBp: 3334, isCompany: false },
          { organisationId: 'org-agency', shareBp: 3333, isCompany: false },
          { organisationId: 'org-tlo', shareBp: 3333, isCompany: false },
        ],
      }),
    );
    expect(result.rule).toBe('owners_by_share');
    expect(result.payers.map((p) => p.amountYen)).toEqual([4n, 3n, 3n]);
  });

  it('charges a sole owner everything', () => {
    expect(allocateCost(baseInput())).toEqual({
      rule: 'sole_owner',
      payers: [{ payerKind: 'organisation', organisationId: UNI, amountYen: 100_000n }],
    });
  });

  it('refuses when nobody owned the asset on the due date', () => {
    expect(() => allocateCost(baseInput({ owners: [] }))).toThrow(
      expect.objectContaining({ code: 'PATENT_COST.NO_OWNERS' }),
    );
  });
});
