import { allocateCost } from './cost-allocation.calculator';
import { CO_A, CO_B, UNI, baseInput } from './cost-allocation.fixtures';

describe('allocateCost: co-filed with a company, company pays all (Nagoya)', () => {
  it('charges the co-owner company the whole cost', () => {
    const result = allocateCost(
      baseInput({
        owners: [
          { organisationId: UNI, shareBp: 7000, isCompany: false },
          { organisationId: CO_A, shareBp: 3000, isCompany: true },
        ],
      }),
    );
    expect(result).toEqual({
      rule: 'company_pays_all',
      payers: [{ payerKind: 'organisation', organisationId: CO_A, amountYen: 100_000n }],
    });
  });

  it('splits between several companies by their shares, summing exactly', () => {
    const result = allocateCost(
      baseInput({
        amountYen: 100_001n,
        owners: [
          { organisationId: UNI, shareBp: 4000, isCompany: false },
          { organisationId: CO_A, shareBp: 4000, isCompany: true },
          { organisationId: CO_B, shareBp: 2000, isCompany: true },
        ],
      }),
    );
    expect(result.payers).toEqual([
      { payerKind: 'organisation', organisationId: CO_A, amountYen: 66_667n },
      { payerKind: 'organisation', organisationId: CO_B, amountYen: 33_334n },
    ]);
  });
});
