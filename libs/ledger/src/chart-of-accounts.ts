/**
 * The chart of accounts, one set per platform. Balances are signed, debit positive: asset
 * accounts normally carry a positive balance, funds and income a negative one, and the sum of
 * all balances of a platform is always zero.
 *
 * | code                          | type    | what it holds                                             |
 * |-------------------------------|---------|-----------------------------------------------------------|
 * | bank                          | asset   | money received by the platform (the university's account)|
 * | receivable:company:<org>      | asset   | contributions invoiced to a company, not yet received     |
 * | receivable:public:<funder>    | asset   | public matching money awarded, not yet received           |
 * | research_budget:<project>     | fund    | direct research cost available to a project              |
 * | ordinary_overhead             | fund    | the university's ordinary overhead (standard rate)        |
 * | ip_fund                       | fund    | the IP fund: the overhead increment, pays patent costs    |
 * | adjustment                    | fund    | manual corrections agreed by finance                      |
 * | patent_costs_payable          | liability | patent costs approved for payment, not yet paid         |
 * | receivable:organisation:<org> | asset   | a non-company co-owner's or holder's part of patent costs |
 * | licence_income                | income  | licence fees and royalties invoiced, until shared out     |
 * | payable:owner:<org>           | liability | an asset owner's share of licence income received       |
 *
 * Patent costs: approval credits `patent_costs_payable` and debits the payers (`ip_fund`,
 * `receivable:company:<org>` for a company's part, `receivable:organisation:<org>` for another
 * organisation's, `research_budget:<project>` for the project's direct cost); payment debits
 * `patent_costs_payable` and credits `bank`.
 *
 * Licensing (docs/licensing.md): upfront fees and royalties debit `receivable:company:<licensee>`
 * and credit `licence_income`; a receipt debits `bank` and credits the receivable, and its
 * sharing entry debits `licence_income` and credits `ip_fund` and `payable:owner:<org>`.
 */
export type AccountType = 'asset' | 'liability' | 'fund' | 'income' | 'expense';

export interface AccountSpec {
  code: string;
  type: AccountType;
  name: string;
  projectId?: string | null;
  organisationId?: string | null;
}

/** A reference to an account that must already exist (manual entries); posting fails otherwise. */
export interface ExistingAccount {
  code: string;
  type?: undefined;
  name?: undefined;
  projectId?: undefined;
  organisationId?: undefined;
}

export const Accounts = {
  bank: (): AccountSpec => ({ code: 'bank', type: 'asset', name: 'Bank' }),
  companyReceivable: (organisationId: string): AccountSpec => ({
    code: `receivable:company:${organisationId}`,
    type: 'asset',
    name: 'Contributions receivable',
    organisationId,
  }),
  publicReceivable: (funderName: string): AccountSpec => ({
    code: `receivable:public:${funderName}`,
    type: 'asset',
    name: `Public matching money receivable (${funderName})`,
  }),
  researchBudget: (projectId: string): AccountSpec => ({
    code: `research_budget:${projectId}`,
    type: 'fund',
    name: 'Research budget (direct cost)',
    projectId,
  }),
  ordinaryOverhead: (): AccountSpec => ({ code: 'ordinary_overhead', type: 'fund', name: 'Ordinary overhead (standard rate)' }),
  ipFund: (): AccountSpec => ({ code: 'ip_fund', type: 'fund', name: 'IP fund (overhead increment)' }),
  adjustment: (): AccountSpec => ({ code: 'adjustment', type: 'fund', name: 'Adjustments' }),
  patentCostsPayable: (): AccountSpec => ({ code: 'patent_costs_payable', type: 'liability', name: 'Patent costs payable' }),
  organisationReceivable: (organisationId: string): AccountSpec => ({
    code: `receivable:organisation:${organisationId}`,
    type: 'asset',
    name: 'Patent costs receivable from an owner',
    organisationId,
  }),
  licenceIncome: (): AccountSpec => ({ code: 'licence_income', type: 'income', name: 'Licence income (fees and royalties)' }),
  ownerPayable: (organisationId: string): AccountSpec => ({
    code: `payable:owner:${organisationId}`,
    type: 'liability',
    name: "An owner's share of licence income",
    organisationId,
  }),
};

/** Codes a finance user may name in a manual entry besides accounts that already exist. */
export const STANDARD_ACCOUNTS: AccountSpec[] = [Accounts.bank(), Accounts.ordinaryOverhead(), Accounts.ipFund(), Accounts.adjustment()];
