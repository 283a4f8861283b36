/**
 * When fees fall due is fixed by statute, not by the fee tables, so it lives here rather than
 * in the versioned schedules.
 */

/** Term of a patent: 20 years from the filing date (JP Patent Act Art. 67(1); 35 U.S.C. 154(a)(2); Art. 63(1) EPC). */
export const PATENT_TERM_YEARS = 20;

/**
 * USPTO maintenance fees are due 3.5, 7.5 and 11.5 years after grant (35 U.S.C. 41(b)); the
 * patent expires at 4, 8 or 12 years if a fee is not paid by the end of the grace period.
 * `year` is the patent year the fee keeps in force (the 3.5-year fee → year 4), which is the
 * number `paidThroughYear` counts in.
 */
export const USPTO_MAINTENANCE_STAGES: readonly {
  year: number;
  dueAfterMonths: number;
  label: string;
}[] = [
  { year: 4, dueAfterMonths: 42, label: 'USPTO maintenance fee due at 3.5 years' },
  { year: 8, dueAfterMonths: 90, label: 'USPTO maintenance fee due at 7.5 years' },
  { year: 12, dueAfterMonths: 138, label: 'USPTO maintenance fee due at 11.5 years' },
];

/** EPO renewal fees run from the 3rd year of a pending application (Art. 86(1) EPC). */
export const EPO_FIRST_RENEWAL_YEAR = 3;
