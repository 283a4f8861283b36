import { DomainError, LocalDate } from '@app/kernel';

/** termStart plus `years` years (29 February rolls to 1 March). */
function anniversary(termStart: LocalDate, years: number): LocalDate {
  const [y, m, d] = termStart.split('-').map(Number);
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

function dayBefore(date: LocalDate): LocalDate {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() - 1);
  return t.toISOString().slice(0, 10);
}

export interface LicenceYear {
  /** 1 = the year starting on termStart. */
  index: number;
  start: LocalDate;
  /** The day before the next anniversary, or termEnd if earlier. */
  end: LocalDate;
  /** The year runs a whole year (not cut short by termEnd). */
  full: boolean;
}

/** The licence year (anniversary to anniversary from termStart) that contains `date`. */
export function licenceYearOf(
  term: { termStart: LocalDate; termEnd: LocalDate },
  date: LocalDate,
): LicenceYear {
  if (date < term.termStart || date > term.termEnd) {
    throw DomainError.unprocessable(
      'LICENCE.OUTSIDE_TERM',
      `${date} is outside the licence term ${term.termStart} … ${term.termEnd}`,
    );
  }
  let index = 1;
  while (anniversary(term.termStart, index) <= date) index += 1;
  const start = anniversary(term.termStart, index - 1);
  const fullEnd = dayBefore(anniversary(term.termStart, index));
  const end = fullEnd <= term.termEnd ? fullEnd : term.termEnd;
  return { index, start, end, full: end === fullEnd };
}
