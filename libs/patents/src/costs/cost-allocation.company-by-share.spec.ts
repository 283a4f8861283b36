import { allocateCost } from './cost-allocation.calculator';
import { CO_A, UNI, baseInput } from './cost-allocation.fixtures';

describe('allocateCost: co-filed with a company, by share', () => {
  it('charges every owner its share when the policy says by_share', () => {
    const result = allocateCost(
      baseInput({
        amountYen: 99_999n,
        rules: { coFiledWithCompany: 'by_share', chargeProjectDirectCostDuringTerm: false },
        owners: [
          { organisationId: UNI, shareBp: 6000, isCompany: false },
          { organisationId: CO_A, shareBp: 4000, isCompany: true },
        ],
      }),
    );
    expect(result.rule).toBe('company_by_share');
    expect(result.payers).toEqual([
      { payerKind: 'organisation', organisationId: UNI, amountYen: 59_999n },
      { payerKind: 'organisation', organisationId: CO_A, amountYen: 40_000n },
    ]);
  });
});
