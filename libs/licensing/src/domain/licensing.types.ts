import { LocalDate, Yen } from '@app/kernel';

/** 'WORLD' or ISO 3166-1 alpha-2 country codes. */
export const WORLD = 'WORLD';

/** The scope a licence covers: what matters to the conflict check (DOMAIN.md §4 コンフリクトチェック). */
export interface LicenceScope {
  assetIds: readonly string[];
  /** Free text; '*' = every field. Compared case-insensitively. */
  fieldOfUse: string;
  /** ISO codes or 'WORLD'. */
  territory: readonly string[];
  exclusive: boolean;
  termStart: LocalDate;
  termEnd: LocalDate;
}

export interface ExistingLicence extends LicenceScope {
  id: string;
  organisationId: string;
}

/** Another member's commercial right on an asset, as the entitlement check answers it. */
export interface CommercialRight {
  assetId: string;
  organisationId: string;
  right: string;
  discountBp: number | null;
  ruleId: string;
}

export type LicenceConflict =
  | {
      kind: 'licence';
      assetId: string;
      licenceId: string;
      organisationId: string;
      exclusive: boolean;
    }
  | {
      kind: 'entitlement';
      assetId: string;
      organisationId: string;
      right: string;
      discountBp: number | null;
      ruleId: string;
    };

/** The platform's standard licence terms in force on a date. */
export interface StandardTerms {
  upfrontFeeYen: Yen;
  royaltyBp: number;
  annualMinimumYen: Yen;
}

/** One asset's entitlement as pricing needs it. */
export interface AssetEntitlement {
  assetId: string;
  right: string;
  discountBp: number | null;
  ruleId: string;
  text: string;
  committeeDecisionId: string | null;
}

export type PricingOutcome =
  | { kind: 'priced'; discountBp: number; terms: StandardTerms; decidingAssetId: string }
  | { kind: 'needs_committee'; assetIds: string[] }
  | { kind: 'refused'; refusals: AssetEntitlement[] };

export interface OwnerShare {
  organisationId: string;
  shareBp: number;
}

export interface AssetOwners {
  assetId: string;
  owners: readonly OwnerShare[];
}

export interface IncomeShareLine {
  recipient: 'ip_fund' | 'owner';
  assetId: string | null;
  organisationId: string | null;
  amountYen: Yen;
}

export interface IncomeSharing {
  ipFundYen: Yen;
  lines: IncomeShareLine[];
  /** Owner totals across assets, one per organisation, in order of first appearance. */
  byOwner: { organisationId: string; amountYen: Yen }[];
}
