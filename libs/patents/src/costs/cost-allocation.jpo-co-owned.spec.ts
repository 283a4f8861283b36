import { allocateCost } from './cost-allocation.calculator';
import { CO_A, UNI, baseInput } from './cost-allocation.fixtures';
import { jpoOwnerFeeSplit } from './jpo-owner-split.calculator';

describe('allocateCost: JPO annual fee of a patent co-owned by a university and a large company', () => {
  // Year 4, 5 claims, 2022 table: 10,300 + 800 × 5 = 14,300 yen. The university (academic, 1/2
  // for years 1–10) owns half: payable = 14,300 × (1/2 × 1/2 + 1/2 × 1) = 10,725 → 10,720 yen
  // (down to 10 yen), split 1 : 2 by the owners' reduced parts.
  const owners = [
    { organisationId: UNI, shareBp: 5000, jpoReduction: 'academic' as const },
    { organisationId: CO_A, shareBp: 5000 },
  ];

  it('splits the payment with the fees library: each owner carries its own reduction', () => {
    const split = jpoOwnerFeeSplit('2030-06-01', 4, 4, 5, owners);
    expect(split).toEqual([
      { organisationId: UNI, amount: 3_573n },
      { organisationId: CO_A, amount: 7_147n },
    ]);
    const result = allocateCost(
      baseInput({
        amountYen: 10_720n,
        rules: { coFiledWithCompany: 'by_share', chargeProjectDirectCostDuringTerm: false },
        owners: [
          { organisationId: UNI, shareBp: 5000, isCompany: false },
          { organisationId: CO_A, shareBp: 5000, isCompany: true },
        ],
        ownerFeeSplit: split,
      }),
    );
    // A plain 50/50 split would be 5,360 each.
    expect(result.payers).toEqual([
      { payerKind: 'organisation', organisationId: UNI, amountYen: 3_573n },
      { payerKind: 'organisation', organisationId: CO_A, amountYen: 7_147n },
    ]);
  });
});
