import { allocateCost } from './cost-allocation.calculator';
import { CO_B, baseInput } from './cost-allocation.fixtures';

describe('allocateCost: background IP', () => {
  it('charges its holder, even during a project term with the JST rule on', () => {
    const result = allocateCost(
      baseInput({
        dueOn: '2026-10-01',
        rules: { coFiledWithCompany: 'by_share', chargeProjectDirectCostDuringTerm: true },
        asset: { origin: 'background', pooled: false, holderOrganisationId: CO_B, projectId: null },
        projectTerm: null,
        owners: [{ organisationId: CO_B, shareBp: 10_000, isCompany: true }],
      }),
    );
    expect(result).toEqual({
      rule: 'background_holder',
      payers: [{ payerKind: 'organisation', organisationId: CO_B, amountYen: 100_000n }],
    });
  });
});
