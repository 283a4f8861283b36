import { CostAllocationInput } from './cost-allocation.calculator';

/** Shared inputs of the allocator specs: a university and two companies, a project FY2026–FY2027. */
export const UNI = 'org-university';
export const CO_A = 'org-company-a';
export const CO_B = 'org-company-b';
export const PROJECT = 'project-1';

export function baseInput(overrides: Partial<CostAllocationInput> = {}): CostAllocationInput {
  return {
    amountYen: 100_000n,
    dueOn: '2028-06-01',
    rules: { coFiledWithCompany: 'company_pays_all', chargeProjectDirectCostDuringTerm: false },
    asset: { origin: 'foreground', pooled: false, holderOrganisationId: null, projectId: PROJECT },
    projectTerm: { startsOn: '2026-04-01', endsOn: '2028-03-31' },
    owners: [{ organisationId: UNI, shareBp: 10_000, isCompany: false }],
    ...overrides,
  };
}
