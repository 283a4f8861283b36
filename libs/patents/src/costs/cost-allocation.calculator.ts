import { DomainError, LocalDate, Yen, allocate } from '@app/kernel';

/** Who a share of a patent cost is charged to. */
export type PayerKind = 'ip_fund' | 'organisation' | 'project_budget';

export interface CostPayer {
  payerKind: PayerKind;
  organisationId?: string;
  projectId?: string;
  amountYen: Yen;
}

/** The rule that decided the payers, reported with every allocation so a bill can say why. */
export type PayerRule =
  | 'project_direct_cost'
  | 'background_holder'
  | 'pooled_foreground_ip_fund'
  | 'company_pays_all'
  | 'company_by_share'
  | 'owners_by_share'
  | 'sole_owner';

/** The cost-bearing terms of the policy in force on the due date (structurally `CostBearingRules`). */
export interface CostRulesInForce {
  coFiledWithCompany: 'company_pays_all' | 'by_share';
  chargeProjectDirectCostDuringTerm: boolean;
}

export interface CostOwner {
  organisationId: string;
  shareBp: number;
  isCompany: boolean;
}

export interface CostAllocationInput {
  amountYen: Yen;
  dueOn: LocalDate;
  rules: CostRulesInForce;
  asset: {
    origin: 'foreground' | 'background';
    pooled: boolean;
    holderOrganisationId: string | null;
    projectId: string | null;
  };
  /** The asset's project term (foreground IP from a project), if any. */
  projectTerm: { startsOn: LocalDate; endsOn: LocalDate } | null;
  /** Owners in force on the due date, in their recorded order. */
  owners: readonly CostOwner[];
  /**
   * JPO annual fees: the fees library's split of the payment between the owners, each part
   * carrying that owner's own reduction (Patent Act Art. 107(3)). Used as the weights of every
   * split between owners instead of the plain shares.
   */
  ownerFeeSplit?: readonly { organisationId: string; amount: bigint }[] | null;
}

export interface CostAllocation {
  rule: PayerRule;
  payers: CostPayer[];
}

/**
 * Decides who pays a patent cost (DOMAIN.md §3 "Cost event", the Nagoya table). First rule that
 * applies wins:
 *  1. the policy charges project direct cost during the term, the asset is foreground IP of a
 *     project and the due date is within the project's term → the project's research budget;
 *  2. background IP → its holder;
 *  3. pooled foreground IP → the IP fund;
 *  4. a company among the owners (co-filed with a company) → that company pays all (several
 *     companies split it between them), or every owner by share, as the policy says;
 *  5. several owners → by share;
 *  6. one owner → that owner.
 * Splits go through the kernel's `allocate`, so the payers always sum to the cost exactly.
 */
export function allocateCost(input: CostAllocationInput): CostAllocation {
  const amount = input.amountYen;
  if (amount <= 0n) {
    throw DomainError.validation(
      'PATENT_COST.INVALID_AMOUNT',
      'a cost to allocate must be a positive number of yen',
    );
  }
  const { asset, rules, projectTerm, dueOn } = input;
  if (
    rules.chargeProjectDirectCostDuringTerm &&
    asset.origin === 'foreground' &&
    asset.projectId &&
    projectTerm &&
    projectTerm.startsOn <= dueOn &&
    dueOn <= projectTerm.endsOn
  ) {
    return {
      rule: 'project_direct_cost',
      payers: [{ payerKind: 'project_budget', projectId: asset.projectId, amountYen: amount }],
    };
  }
  if (asset.origin === 'background' && asset.holderOrganisationId) {
    return {
      rule: 'background_holder',
      payers: [
        {
          payerKind: 'organisation',
          organisationId: asset.holderOrganisationId,
          amountYen: amount,
        },
      ],
    };
  }
  if (asset.origin === 'foreground' && asset.pooled) {
    return {
      rule: 'pooled_foreground_ip_fund',
      payers: [{ payerKind: 'ip_fund', amountYen: amount }],
    };
  }
  const owners = input.owners;
  if (owners.length === 0) {
    throw DomainError.unprocessable(
      'PATENT_COST.NO_OWNERS',
      `the asset had no recorded owners on ${dueOn}: nobody to charge`,
      { dueOn },
    );
  }
  const companies = owners.filter((o) => o.isCompany);
  if (companies.length > 0 && owners.length > 1) {
    if (rules.coFiledWithCompany === 'company_pays_all') {
      return {
        rule: 'company_pays_all',
        payers: splitBetween(amount, companies, input.ownerFeeSplit),
      };
    }
    return { rule: 'company_by_share', payers: splitBetween(amount, owners, input.ownerFeeSplit) };
  }
  if (owners.length > 1)
    return { rule: 'owners_by_share', payers: splitBetween(amount, owners, input.ownerFeeSplit) };
  return {
    rule: 'sole_owner',
    payers: [
      { payerKind: 'organisation', organisationId: owners[0].organisationId, amountYen: amount },
    ],
  };
}

/** Splits between owners by the fee split's weights when there is one (and it covers them), else by shares. */
function splitBetween(
  amount: Yen,
  owners: readonly CostOwner[],
  feeSplit: readonly { organisationId: string; amount: bigint }[] | null | undefined,
): CostPayer[] {
  const fromSplit: bigint[] = [];
  for (const o of owners) {
    const part = feeSplit?.find((s) => s.organisationId === o.organisationId);
    if (part) fromSplit.push(part.amount);
  }
  const useSplit = fromSplit.length === owners.length && fromSplit.some((w) => w > 0n);
  const weights = useSplit ? fromSplit : owners.map((o) => BigInt(o.shareBp));
  const parts = allocate(amount, weights);
  return owners
    .map((o, i): CostPayer => ({
      payerKind: 'organisation',
      organisationId: o.organisationId,
      amountYen: parts[i],
    }))
    .filter((p) => p.amountYen !== 0n);
}
