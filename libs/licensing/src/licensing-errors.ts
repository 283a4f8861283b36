import { DomainError } from '@app/kernel';

export const licenceRequestNotFound = (id: string) =>
  DomainError.notFound('LICENCE_REQUEST.NOT_FOUND', `licence request ${id} does not exist`);
export const licenceNotFound = (id: string) =>
  DomainError.notFound('LICENCE.NOT_FOUND', `licence ${id} does not exist`);
