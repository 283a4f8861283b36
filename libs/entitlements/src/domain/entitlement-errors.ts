import { DomainError } from '@app/kernel';

/** Stable codes of the entitlement engine's input errors. */
export enum EntitlementErrorCode {
  NoPolicyInForce = 'ENTITLEMENT.NO_POLICY_IN_FORCE',
  InvalidContribution = 'ENTITLEMENT.INVALID_CONTRIBUTION',
  InvalidOwnerShare = 'ENTITLEMENT.INVALID_OWNER_SHARE',
  InvalidCommitteeTerms = 'ENTITLEMENT.INVALID_COMMITTEE_TERMS',
  ClassScopeMismatch = 'ENTITLEMENT.CLASS_SCOPE_MISMATCH',
  InvalidClass = 'ENTITLEMENT.INVALID_CLASS',
  PolicyMismatch = 'ENTITLEMENT.POLICY_MISMATCH',
}

export function entitlementInputError(
  code: EntitlementErrorCode,
  message: string,
  details?: Record<string, unknown>,
): DomainError {
  return DomainError.validation(code, message, details);
}
