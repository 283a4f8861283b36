import { DomainError, LocalDate, addDays } from '@app/kernel';

/** Default time the other co-owners have to take a filing over (days after the decision). */
export const DEFAULT_TAKEOVER_OFFER_DAYS = 60;

export interface CurrentOwner {
  organisationId: string;
  shareBp: number;
}

export type AbandonPlan =
  { kind: 'abandon' } | { kind: 'offer'; offeredTo: string[]; deadline: LocalDate };

/**
 * What an abandon decision does (S4: "a co-owner may take over instead"). A filing with one
 * owner is abandoned at once. A co-owned one is first offered to the co-owners other than the
 * platform's lead institution (the pool's side, which is the one giving the filing up); when
 * the lead institution is not an owner, to every owner.
 */
export function planAbandon(
  owners: readonly CurrentOwner[],
  leadInstitutionId: string,
  decidedOn: LocalDate,
  offerDays: number = DEFAULT_TAKEOVER_OFFER_DAYS,
): AbandonPlan {
  if (!Number.isInteger(offerDays) || offerDays < 1 || offerDays > 365) {
    throw DomainError.validation('REVIEW.INVALID_OFFER_DAYS', 'offerDays must be 1..365', {
      field: 'offerDays',
    });
  }
  if (owners.length <= 1) return { kind: 'abandon' };
  const others = owners
    .filter((o) => o.organisationId !== leadInstitutionId)
    .map((o) => o.organisationId);
  return { kind: 'offer', offeredTo: others, deadline: addDays(decidedOn, offerDays) };
}

/** Filings whose next fee falls due within `withinDays` days of `asOf` (both ends included). */
export function reviewWindowEnd(asOf: LocalDate, withinDays: number): LocalDate {
  if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > 730) {
    throw DomainError.validation('REVIEW.INVALID_WINDOW', 'withinDays must be 0..730', {
      field: 'withinDays',
    });
  }
  return addDays(asOf, withinDays);
}
