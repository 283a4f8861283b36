import { BP_DENOMINATOR } from '@app/kernel';
import { RegistryProblem } from './registry-problem';

/** One owner of an IP asset and its share (共有持分) in basis points. */
export interface OwnerShare {
  organisationId: string;
  shareBp: number;
}

const TOTAL = Number(BP_DENOMINATOR);

/**
 * The rules every ownership version keeps: at least one owner, each listed once with a whole,
 * positive number of basis points, all shares adding up to exactly 10000.
 */
export function ownerShareProblems(
  owners: readonly OwnerShare[],
  field = 'owners',
): RegistryProblem[] {
  if (owners.length === 0) {
    return [
      {
        field,
        code: 'OWNERSHIP.NO_OWNERS',
        message: 'an asset has at least one owner',
        kind: 'validation',
      },
    ];
  }
  const problems: RegistryProblem[] = [];
  owners.forEach((o, i) => {
    if (!Number.isInteger(o.shareBp) || o.shareBp < 1 || o.shareBp > TOTAL) {
      problems.push({
        field: `${field}[${i}].shareBp`,
        code: 'OWNERSHIP.INVALID_SHARE',
        message: `a share is a whole number of basis points from 1 to ${TOTAL}`,
        kind: 'validation',
      });
    }
    if (owners.findIndex((p) => p.organisationId === o.organisationId) !== i) {
      problems.push({
        field: `${field}[${i}].organisationId`,
        code: 'OWNERSHIP.DUPLICATE_OWNER',
        message: 'an organisation is listed twice among the owners',
        kind: 'validation',
      });
    }
  });
  const sum = owners.reduce((a, o) => a + (Number.isFinite(o.shareBp) ? o.shareBp : 0), 0);
  if (problems.length === 0 && sum !== TOTAL) {
    problems.push({
      field,
      code: 'OWNERSHIP.SHARES_NOT_10000',
      message: `owners' shares must add up to exactly ${TOTAL} basis points, not ${sum}`,
      kind: 'validation',
    });
  }
  return problems;
}
