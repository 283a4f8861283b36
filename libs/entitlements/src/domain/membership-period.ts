import { LocalDate } from '@app/kernel';
import { MembershipPeriod } from './entitlement.types';

/** Active on `date` when a period covers it; `joinedOn` and `leftOn` are both membership days. */
export function membershipActiveOn(periods: readonly MembershipPeriod[], date: LocalDate): boolean {
  return periods.some((p) => p.joinedOn <= date && (p.leftOn === null || date <= p.leftOn));
}
