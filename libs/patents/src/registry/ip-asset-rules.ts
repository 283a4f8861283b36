import { LocalDate, isLocalDate } from '@app/kernel';
import { normaliseIpc } from './ipc';
import { OwnerShare, ownerShareProblems } from './ownership-shares';
import { RegistryProblem } from './registry-problem';

export const REFERENCE_PATTERN = /^[A-Za-z0-9._/-]{1,50}$/;

export interface NewInventor {
  name: string;
  organisationId?: string | null;
}

export interface NewIpAsset {
  reference?: string | null;
  title: string;
  abstract?: string | null;
  /** IPC symbol, e.g. `H01M 10/052` or `H01M`; stored normalised. */
  technologyField: string;
  origin: 'foreground' | 'background';
  projectId?: string | null;
  agreementId?: string | null;
  holderOrganisationId?: string | null;
  /** Initial owners. Left out: from the agreement's Sakura type (foreground) or the holder (background). */
  owners?: OwnerShare[] | null;
  inventors?: NewInventor[];
  pooled?: boolean;
  researchCommons?: boolean;
  confidential?: boolean;
  /** When the asset came into being (invention disclosure); the first ownership version starts then. Default: filedOn, else today. */
  createdOn?: LocalDate | null;
  /** Application date of the family's first filing, if already filed: option periods run from it. */
  filedOn?: LocalDate | null;
}

/** A new asset with defaults applied and its IPC symbol normalised. */
export interface CheckedIpAsset extends NewIpAsset {
  technologyField: string;
  createdOn: LocalDate;
  filedOn: LocalDate | null;
}

/** Everything that can be said about a new asset without the database. */
export function checkNewIpAsset(
  input: NewIpAsset,
  today: LocalDate,
): { problems: RegistryProblem[]; asset: CheckedIpAsset } {
  const problems: RegistryProblem[] = [];
  const ipc = normaliseIpc(input.technologyField ?? '');
  if (ipc === null) {
    problems.push({
      field: 'technologyField',
      code: 'IP_ASSET.INVALID_IPC',
      message: 'technologyField must be an IPC symbol such as "H01M" or "H01M 10/052"',
      kind: 'validation',
    });
  }
  if (!input.title || input.title.trim().length === 0 || input.title.length > 500) {
    problems.push({
      field: 'title',
      code: 'IP_ASSET.INVALID_TITLE',
      message: 'title is 1–500 characters',
      kind: 'validation',
    });
  }
  if (
    input.reference !== undefined &&
    input.reference !== null &&
    !REFERENCE_PATTERN.test(input.reference)
  ) {
    problems.push({
      field: 'reference',
      code: 'IP_ASSET.INVALID_REFERENCE',
      message: 'reference is 1–50 letters, digits, . _ / -',
      kind: 'validation',
    });
  }
  if (input.origin === 'foreground') {
    if (!input.projectId) {
      problems.push({
        field: 'projectId',
        code: 'IP_ASSET.PROJECT_REQUIRED',
        message: 'foreground IP names the project it comes from',
        kind: 'validation',
      });
    }
    if (input.holderOrganisationId) {
      problems.push({
        field: 'holderOrganisationId',
        code: 'IP_ASSET.HOLDER_ONLY_FOR_BACKGROUND',
        message: 'only background IP has a holder; foreground IP has a project',
        kind: 'validation',
      });
    }
    if (!input.agreementId && !input.owners) {
      problems.push({
        field: 'owners',
        code: 'IP_ASSET.OWNERS_REQUIRED',
        message:
          'foreground IP without an agreement needs its owners (with an agreement they come from its Sakura type)',
        kind: 'validation',
      });
    }
  } else if (input.origin === 'background') {
    if (!input.holderOrganisationId) {
      problems.push({
        field: 'holderOrganisationId',
        code: 'IP_ASSET.HOLDER_REQUIRED',
        message: 'background IP names the member that brings it in',
        kind: 'validation',
      });
    }
    if (input.projectId || input.agreementId) {
      problems.push({
        field: input.projectId ? 'projectId' : 'agreementId',
        code: 'IP_ASSET.PROJECT_ONLY_FOR_FOREGROUND',
        message: 'background IP comes from no project or agreement of the platform',
        kind: 'validation',
      });
    }
  } else {
    problems.push({
      field: 'origin',
      code: 'IP_ASSET.INVALID_ORIGIN',
      message: 'origin is foreground or background',
      kind: 'validation',
    });
  }
  if (input.owners) problems.push(...ownerShareProblems(input.owners));
  (input.inventors ?? []).forEach((inv, i) => {
    if (!inv.name || inv.name.trim().length === 0 || inv.name.length > 200) {
      problems.push({
        field: `inventors[${i}].name`,
        code: 'IP_ASSET.INVALID_INVENTOR',
        message: 'an inventor has a name of 1–200 characters',
        kind: 'validation',
      });
    }
  });
  for (const field of ['createdOn', 'filedOn'] as const) {
    const value = input[field];
    if (value !== undefined && value !== null && !isLocalDate(value)) {
      problems.push({
        field,
        code: 'VALIDATION.INVALID_DATE',
        message: `${field} must be a date written YYYY-MM-DD`,
        kind: 'validation',
      });
    }
  }
  const filedOn = input.filedOn ?? null;
  const createdOn = input.createdOn ?? filedOn ?? today;
  if (filedOn && isLocalDate(filedOn) && isLocalDate(createdOn) && filedOn < createdOn) {
    problems.push({
      field: 'filedOn',
      code: 'IP_ASSET.FILED_BEFORE_CREATED',
      message: 'filedOn cannot be before createdOn',
      kind: 'validation',
    });
  }
  return {
    problems,
    asset: {
      ...input,
      title: input.title?.trim(),
      technologyField: ipc ?? input.technologyField,
      createdOn,
      filedOn,
    },
  };
}
