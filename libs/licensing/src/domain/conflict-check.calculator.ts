import {
  ExistingLicence,
  CommercialRight,
  LicenceConflict,
  LicenceScope,
  WORLD,
} from './licensing.types';

/** Rights that are an IP Share benefit another member already holds on the asset. */
const PROTECTED_RIGHTS = new Set(['free', 'discounted']);
/** Owners use their own IP freely; that is ownership, not an IP Share right, and owners grant the licence. */
const NOT_AN_IP_SHARE_RULE = 'OWNER';

const norm = (s: string) => s.trim().toLowerCase();

/** Same field (case-insensitive) or either is '*'. */
export function fieldsOverlap(a: string, b: string): boolean {
  return a.trim() === '*' || b.trim() === '*' || norm(a) === norm(b);
}

/** Equal codes, or either side covers the WORLD. */
export function territoriesOverlap(a: readonly string[], b: readonly string[]): boolean {
  if (a.includes(WORLD) || b.includes(WORLD)) return true;
  return a.some((code) => b.includes(code));
}

/** Terms [start, end] with both days included. */
export function termsOverlap(
  a: { termStart: string; termEnd: string },
  b: { termStart: string; termEnd: string },
): boolean {
  return a.termStart <= b.termEnd && b.termStart <= a.termEnd;
}

/**
 * The contract conflict check (DOMAIN.md §4): a licence about to be granted against the active
 * licences of the same assets and the other members' free / discounted commercial rights.
 *
 * - An EXCLUSIVE candidate conflicts with every active licence (any exclusivity) on a shared
 *   asset whose field, territory and term overlap, and with every other member's free or
 *   discounted commercial right on a shared asset (their IP Share right; owners excluded).
 * - A NON-EXCLUSIVE candidate conflicts only with overlapping EXCLUSIVE licences (the mirror of
 *   the first rule: an exclusive licensee must not find a second licensee beside it).
 * The licensee's own licences and rights never conflict with it.
 */
export function findConflicts(
  candidate: LicenceScope & { organisationId: string },
  active: readonly ExistingLicence[],
  rights: readonly CommercialRight[],
): LicenceConflict[] {
  const conflicts: LicenceConflict[] = [];
  for (const assetId of candidate.assetIds) {
    for (const licence of active) {
      if (licence.organisationId === candidate.organisationId) continue;
      if (!licence.assetIds.includes(assetId)) continue;
      if (!candidate.exclusive && !licence.exclusive) continue;
      if (!fieldsOverlap(candidate.fieldOfUse, licence.fieldOfUse)) continue;
      if (!territoriesOverlap(candidate.territory, licence.territory)) continue;
      if (!termsOverlap(candidate, licence)) continue;
      conflicts.push({
        kind: 'licence',
        assetId,
        licenceId: licence.id,
        organisationId: licence.organisationId,
        exclusive: licence.exclusive,
      });
    }
    if (!candidate.exclusive) continue;
    for (const r of rights) {
      if (r.assetId !== assetId || r.organisationId === candidate.organisationId) continue;
      if (!PROTECTED_RIGHTS.has(r.right) || r.ruleId === NOT_AN_IP_SHARE_RULE) continue;
      conflicts.push({
        kind: 'entitlement',
        assetId,
        organisationId: r.organisationId,
        right: r.right,
        discountBp: r.discountBp,
        ruleId: r.ruleId,
      });
    }
  }
  return conflicts;
}
