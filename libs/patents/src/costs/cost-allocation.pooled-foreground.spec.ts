import { allocateCost } from './cost-allocation.calculator';
import { CO_A, UNI, baseInput } from './cost-allocation.fixtures';

describe('allocateCost: pooled foreground IP', () => {
  it('charges the whole cost to the IP fund, whoever the owners are', () => {
    const result = allocateCost(
      baseInput({
        asset: { origin: 'foreground', pooled: true, holderOrganisationId: null, projectId: 'p' },
        owners: [
          { organisationId: UNI, shareBp: 5000, isCompany: false },
          { organisationId: CO_A, shareBp: 5000, isCompany: true },
        ],
      }),
    );
    expect(result).toEqual({
      rule: 'pooled_foreground_ip_fund',
      payers: [{ payerKind: 'ip_fund', amountYen: 100_000n }],
    });
  });
});
