import { allocateCost } from './cost-allocation.calculator';
import { PROJECT, baseInput } from './cost-allocation.fixtures';

describe('allocateCost: project direct cost during the term (JST rule)', () => {
  const rules = {
    coFiledWithCompany: 'company_pays_all' as const,
    chargeProjectDirectCostDuringTerm: true,
  };
  const pooled = {
    origin: 'foreground' as const,
    pooled: true,
    holderOrganisationId: null,
    projectId: PROJECT,
  };

  it('charges the project budget when due within the term', () => {
    expect(allocateCost(baseInput({ rules, asset: pooled, dueOn: '2028-03-31' }))).toEqual({
      rule: 'project_direct_cost',
      payers: [{ payerKind: 'project_budget', projectId: PROJECT, amountYen: 100_000n }],
    });
  });

  it('falls back to the other rules after the term', () => {
    expect(allocateCost(baseInput({ rules, asset: pooled, dueOn: '2028-04-01' })).rule).toBe(
      'pooled_foreground_ip_fund',
    );
  });

  it('does nothing when the policy does not allow it', () => {
    expect(allocateCost(baseInput({ asset: pooled, dueOn: '2027-01-01' })).rule).toBe(
      'pooled_foreground_ip_fund',
    );
  });
});
