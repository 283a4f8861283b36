import { BP_DENOMINATOR, DomainError, LocalDate, allocate } from '@app/kernel';
import { OwnerShare } from './ownership-shares';
import { Consideration, NonOwnerRight, SakuraTerms, isOptionRight } from './sakura-terms';

/** The parties of a joint-research agreement, companies in the order the agreement lists them. */
export interface AgreementParties {
  universityId: string;
  companyIds: readonly string[];
}

/** What a party that does not own the asset (alone) may do with it, from the agreement's type. */
export interface AssetOptionTerms {
  organisationId: string;
  right: NonOwnerRight;
  consideration: Consideration;
  optionPeriodMonths: number | null;
  startsOn: LocalDate;
  /** Last day an option may be exercised; null for a licence (no option period). */
  endsOn: LocalDate | null;
}

export interface InitialOwnership {
  owners: OwnerShare[];
  options: AssetOptionTerms[];
}

/** Calendar months later; a day the target month lacks becomes its last day (1/31 + 1 month = 2/28). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function equalShares(totalBp: bigint, ids: readonly string[]): OwnerShare[] {
  const parts = allocate(
    totalBp,
    ids.map(() => 1n),
  );
  return ids.map((organisationId, i) => ({ organisationId, shareBp: Number(parts[i]) }));
}

/**
 * Initial owners and options of a foreground asset created under an agreement, from its
 * Sakura type (DOMAIN.md §4):
 * - university-owned: the university 100%; the companies get the type's right;
 * - company-owned: the companies in equal shares (largest remainder, earlier company first);
 *   the university gets the type's right;
 * - co-owned: the university the type's default share, the companies the rest in equal shares;
 *   the companies get the type's right (e.g. an exclusivity option against a fee).
 * An option runs from `optionStartsOn` (the filing date, or the creation date when the asset is
 * not filed yet) to `optionPeriodMonths` calendar months later, that day included.
 */
export function deriveInitialOwnership(
  terms: SakuraTerms,
  parties: AgreementParties,
  optionStartsOn: LocalDate,
): InitialOwnership {
  const { universityId, companyIds } = parties;
  if (companyIds.length === 0) {
    throw DomainError.validation(
      'AGREEMENT.NO_COMPANY',
      'a joint-research agreement has at least one company',
      { field: 'companyIds' },
    );
  }
  if (new Set(companyIds).size !== companyIds.length || companyIds.includes(universityId)) {
    throw DomainError.validation(
      'AGREEMENT.DUPLICATE_PARTY',
      'each party of an agreement is listed once',
      { field: 'companyIds' },
    );
  }
  let owners: OwnerShare[];
  let optionHolders: readonly string[];
  switch (terms.ownerRule) {
    case 'university':
      owners = [{ organisationId: universityId, shareBp: Number(BP_DENOMINATOR) }];
      optionHolders = companyIds;
      break;
    case 'company':
      owners = equalShares(BP_DENOMINATOR, companyIds);
      optionHolders = [universityId];
      break;
    case 'co_owned': {
      const universityBp = terms.defaultUniversityShareBp;
      if (
        universityBp === null ||
        !Number.isInteger(universityBp) ||
        universityBp < 1 ||
        universityBp >= Number(BP_DENOMINATOR)
      ) {
        throw DomainError.unprocessable(
          'SAKURA.NO_DEFAULT_SHARE',
          `Sakura type ${terms.type} is co-owned but has no valid default university share`,
          { field: 'sakuraType', type: terms.type },
        );
      }
      owners = [
        { organisationId: universityId, shareBp: universityBp },
        ...equalShares(BP_DENOMINATOR - BigInt(universityBp), companyIds),
      ];
      optionHolders = companyIds;
      break;
    }
  }
  const months = isOptionRight(terms.nonOwnerRight) ? terms.optionPeriodMonths : null;
  const endsOn = months === null ? null : addMonths(optionStartsOn, months);
  const options = optionHolders.map((organisationId) => ({
    organisationId,
    right: terms.nonOwnerRight,
    consideration: terms.consideration,
    optionPeriodMonths: months,
    startsOn: optionStartsOn,
    endsOn,
  }));
  return { owners, options };
}
