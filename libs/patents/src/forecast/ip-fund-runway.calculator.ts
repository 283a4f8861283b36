import { LocalDate, Yen, applyRateBp } from '@app/kernel';

/** Planned company funding of one project source for a fiscal year, with the policy in force at the year's start. */
export interface PlannedInflow {
  fiscalYear: number;
  plannedYen: Yen;
  overheadRateBp: number;
  standardOverheadRateBp: number;
  /** IP-fund part of contributions already recorded against this source and year (counted in the balance). */
  recordedIpFundYen: Yen;
}

export interface RunwayYear {
  fiscalYear: number;
  startsOn: LocalDate;
  endsOn: LocalDate;
  openingYen: Yen;
  inflowYen: Yen;
  feesYen: Yen;
  closingYen: Yen;
}

export interface Runway {
  currentBalanceYen: Yen;
  years: RunwayYear[];
  /** First fiscal year whose closing balance is below zero; null when the fund lasts the horizon. */
  runsOutInFiscalYear: number | null;
}

/**
 * IP-fund part of one planned source: planned × (overhead − standard) with the kernel's one
 * rounding rule (as each contribution is split), less what recorded contributions of that
 * source and year already brought in (those are in the balance), never below zero.
 */
export function plannedIpFundInflow(p: PlannedInflow): Yen {
  const increment = Math.max(0, p.overheadRateBp - p.standardOverheadRateBp);
  const expected = applyRateBp(p.plannedYen, increment);
  const rest = expected - p.recordedIpFundYen;
  return rest > 0n ? rest : 0n;
}

/** Year by year: closing = opening + planned inflows − the fees the fund bears. */
export function projectRunway(input: {
  currentBalanceYen: Yen;
  fiscalYears: readonly {
    fiscalYear: number;
    startsOn: LocalDate;
    endsOn: LocalDate;
    fundFeesYen: Yen;
  }[];
  inflows: readonly PlannedInflow[];
}): Runway {
  let balance = input.currentBalanceYen;
  let runsOut: number | null = null;
  const years = input.fiscalYears.map((fy) => {
    const inflowYen = input.inflows
      .filter((p) => p.fiscalYear === fy.fiscalYear)
      .reduce((sum, p) => sum + plannedIpFundInflow(p), 0n);
    const openingYen = balance;
    balance = openingYen + inflowYen - fy.fundFeesYen;
    if (balance < 0n && runsOut === null) runsOut = fy.fiscalYear;
    return {
      fiscalYear: fy.fiscalYear,
      startsOn: fy.startsOn,
      endsOn: fy.endsOn,
      openingYen,
      inflowYen,
      feesYen: fy.fundFeesYen,
      closingYen: balance,
    };
  });
  return { currentBalanceYen: input.currentBalanceYen, years, runsOutInFiscalYear: runsOut };
}
