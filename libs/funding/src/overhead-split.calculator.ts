import { Yen, applyRateBp } from '@app/kernel';

export interface OverheadSplit {
  overhead: Yen;
  /** The university's ordinary overhead at the standard rate. */
  standard: Yen;
  /** The increment above the standard rate: the IP fund's part. */
  ipFund: Yen;
}

/**
 * Tohoku's budget system (DOMAIN.md §1): overhead at the platform rate, of which the standard
 * rate's part is ordinary overhead and the increment goes to the IP fund. Both rates use the
 * project's one rounding rule (truncate to whole yen) and the IP fund gets the difference, so
 * standard + ipFund = overhead exactly and a platform at the standard rate puts ¥0 in the fund.
 */
export function splitOverhead(directCost: Yen, overheadRateBp: number, standardRateBp: number): OverheadSplit {
  const overhead = applyRateBp(directCost, overheadRateBp);
  const standard = applyRateBp(directCost, Math.min(standardRateBp, overheadRateBp));
  return { overhead, standard, ipFund: overhead - standard };
}
