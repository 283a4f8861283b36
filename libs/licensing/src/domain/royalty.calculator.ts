import { BP_DENOMINATOR, DomainError, Yen, allocate, applyRateBp } from '@app/kernel';
import {
  AssetEntitlement,
  AssetOwners,
  IncomeShareLine,
  IncomeSharing,
  PricingOutcome,
  StandardTerms,
} from './licensing.types';

const FULL = Number(BP_DENOMINATOR);

/** The discount an entitlement gives on the standard terms; null = not priceable. */
function discountOf(e: AssetEntitlement): number | null {
  if (e.right === 'free') return FULL;
  if (e.right === 'discounted') return e.discountBp ?? 0;
  if (e.right === 'standard') return 0;
  return null;
}

/**
 * Prices a licence request from the member's commercial entitlement on each asset.
 * - any asset `none` / `holder_consent_needed` → refused, with every refusing asset's reason;
 * - else any asset `committee_decides` → needs the steering committee;
 * - else the licence gets the SMALLEST discount over its assets (one contract, one price: a
 *   benefit applies only as far as every asset allows). free = 100%, standard = 0%.
 * The payable term is the standard term with the rate (100% − discount) applied: the project's one
 * rounding rule (truncation), so a discount never costs the licensee a fraction of a yen.
 */
export function priceLicence(
  standard: StandardTerms,
  entitlements: readonly AssetEntitlement[],
): PricingOutcome {
  if (entitlements.length === 0)
    throw DomainError.validation(
      'LICENCE_REQUEST.NO_ASSETS',
      'a licence covers at least one asset',
      { field: 'assetIds' },
    );
  const refusals = entitlements.filter(
    (e) => e.right === 'none' || e.right === 'holder_consent_needed',
  );
  if (refusals.length > 0) return { kind: 'refused', refusals };
  const committee = entitlements.filter((e) => e.right === 'committee_decides');
  if (committee.length > 0)
    return { kind: 'needs_committee', assetIds: committee.map((e) => e.assetId) };
  let deciding = entitlements[0];
  let discountBp = FULL;
  for (const e of entitlements) {
    const d = discountOf(e);
    if (d === null) return { kind: 'refused', refusals: [e] };
    if (d < discountBp || e === entitlements[0]) {
      discountBp = d;
      deciding = e;
    }
  }
  return {
    kind: 'priced',
    discountBp,
    terms: applyDiscount(standard, discountBp),
    decidingAssetId: deciding.assetId,
  };
}

export function applyDiscount(standard: StandardTerms, discountBp: number): StandardTerms {
  const payBp = FULL - discountBp;
  return {
    upfrontFeeYen: applyRateBp(standard.upfrontFeeYen, payBp),
    royaltyBp: Number(applyRateBp(BigInt(standard.royaltyBp), payBp)),
    annualMinimumYen: applyRateBp(standard.annualMinimumYen, payBp),
  };
}

export interface RoyaltyInput {
  netSalesYen: Yen;
  royaltyBp: number;
  annualMinimumYen: Yen;
  /** The report's period ends a FULL licence year (the day before an anniversary of termStart). */
  closesFullLicenceYear: boolean;
  /** Running royalties of earlier reports in the same licence year. */
  earlierRoyaltiesInYearYen: Yen;
}

export interface RoyaltyDue {
  royaltyYen: Yen;
  minimumTopUpYen: Yen;
  dueYen: Yen;
}

/**
 * Royalties due on one report: net sales × royalty rate (truncated). A report that closes a full
 * licence year is topped up so the year's royalties reach the annual minimum; a partial last
 * year carries no minimum.
 */
export function royaltyDue(input: RoyaltyInput): RoyaltyDue {
  if (input.netSalesYen < 0n)
    throw DomainError.validation('ROYALTY.NEGATIVE_SALES', 'net sales cannot be negative', {
      field: 'netSalesYen',
    });
  const royaltyYen = applyRateBp(input.netSalesYen, input.royaltyBp);
  let minimumTopUpYen = 0n;
  if (input.closesFullLicenceYear) {
    const shortfall = input.annualMinimumYen - input.earlierRoyaltiesInYearYen - royaltyYen;
    if (shortfall > 0n) minimumTopUpYen = shortfall;
  }
  return { royaltyYen, minimumTopUpYen, dueYen: royaltyYen + minimumTopUpYen };
}

/**
 * Shares licence income received: the IP fund's part first (amount × ipFundShareBp, truncated),
 * the rest split equally across the licence's assets (allocate), each asset's part across its
 * owners by ownership share on the receipt date (allocate). Every yen received is distributed.
 */
export function shareIncome(
  amountYen: Yen,
  ipFundShareBp: number,
  assets: readonly AssetOwners[],
): IncomeSharing {
  if (amountYen <= 0n)
    throw DomainError.validation('INCOME.NOT_POSITIVE', 'income to share must be positive');
  if (assets.length === 0)
    throw DomainError.validation('INCOME.NO_ASSETS', 'income is shared over at least one asset');
  if (ipFundShareBp > FULL)
    throw DomainError.validation('INCOME.IP_FUND_SHARE', 'the IP fund share is at most 10000 bp');
  const ipFundYen = applyRateBp(amountYen, ipFundShareBp);
  const rest = amountYen - ipFundYen;
  const lines: IncomeShareLine[] = [];
  if (ipFundYen > 0n)
    lines.push({ recipient: 'ip_fund', assetId: null, organisationId: null, amountYen: ipFundYen });
  const perAsset =
    rest > 0n
      ? allocate(
          rest,
          assets.map(() => 1n),
        )
      : assets.map(() => 0n);
  assets.forEach((asset, i) => {
    if (perAsset[i] === 0n) return;
    if (asset.owners.length === 0)
      throw DomainError.unprocessable(
        'INCOME.NO_OWNERS',
        `asset ${asset.assetId} has no owners on the receipt date`,
      );
    const parts = allocate(
      perAsset[i],
      asset.owners.map((o) => BigInt(o.shareBp)),
    );
    asset.owners.forEach((o, j) => {
      if (parts[j] > 0n)
        lines.push({
          recipient: 'owner',
          assetId: asset.assetId,
          organisationId: o.organisationId,
          amountYen: parts[j],
        });
    });
  });
  const totals = new Map<string, Yen>();
  for (const l of lines)
    if (l.organisationId)
      totals.set(l.organisationId, (totals.get(l.organisationId) ?? 0n) + l.amountYen);
  return {
    ipFundYen,
    lines,
    byOwner: [...totals].map(([organisationId, amountYen]) => ({ organisationId, amountYen })),
  };
}
