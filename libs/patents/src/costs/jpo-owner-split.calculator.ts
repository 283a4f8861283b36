import { LocalDate } from '@app/kernel';
import { jpoAnnualFee } from '../fees/office-fee.rules';
import { scheduleInForceOn } from '../fees/fee-schedule-lookup';
import { OFFICIAL_FEE_SCHEDULES } from '../fees/official-fee-schedules';
import { FeeSchedules, JpoReductionCategory } from '../fees/fee-schedule.types';

export interface JpoSplitOwner {
  organisationId: string;
  shareBp: number;
  jpoReduction?: JpoReductionCategory;
}

/** The JPO reduction an organisation can claim, from what the registry knows of it. */
export function costOwnerJpoReduction(
  kind: string,
  companySize: string | null,
): JpoReductionCategory | undefined {
  if (kind === 'university' || kind === 'research_agency' || kind === 'tlo') return 'academic';
  if (kind === 'company' && companySize === 'sme') return 'sme';
  if (kind === 'company' && companySize === 'startup') return 'small_or_startup';
  return undefined;
}

/**
 * The fees library's per-owner split of a JPO annual fee payment for the owners in force on
 * `payOn` (each owner's part carries its own reduction, Art. 107(3)); the allocator uses it as
 * weights. Null when the fee cannot be priced (no schedule, no claims): shares are used then.
 */
export function jpoOwnerFeeSplit(
  payOn: LocalDate,
  yearFrom: number,
  yearTo: number,
  claimsCount: number,
  owners: readonly JpoSplitOwner[],
  schedules: FeeSchedules = OFFICIAL_FEE_SCHEDULES,
): { organisationId: string; amount: bigint }[] | null {
  if (owners.length === 0 || !Number.isInteger(claimsCount) || claimsCount < 1) return null;
  try {
    const charge = jpoAnnualFee({
      annual: scheduleInForceOn(schedules.jpoAnnual, payOn),
      reductions: schedules.jpoReductions.length
        ? scheduleInForceOn(schedules.jpoReductions, payOn)
        : null,
      yearFrom,
      yearTo,
      claimsCount,
      owners: owners.map((o) => ({
        ownerId: o.organisationId,
        shareBp: o.shareBp,
        jpoReduction: o.jpoReduction,
      })),
    });
    return charge.ownerSplit.map((s) => ({ organisationId: s.ownerId, amount: s.amount }));
  } catch {
    return null;
  }
}
