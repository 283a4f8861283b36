import { DomainError } from '@app/kernel';

export function ipAssetNotFound(id: string): DomainError {
  return DomainError.notFound('IP_ASSET.NOT_FOUND', `IP asset ${id} does not exist`);
}

export function filingNotFound(id: string): DomainError {
  return DomainError.notFound('FILING.NOT_FOUND', `filing ${id} does not exist`);
}

export function agreementNotFound(id: string, field?: string): DomainError {
  return DomainError.notFound(
    'AGREEMENT.NOT_FOUND',
    `agreement ${id} does not exist`,
    field ? { field } : undefined,
  );
}

export function sakuraTypeNotFound(type: number, field?: string): DomainError {
  return DomainError.notFound(
    'SAKURA.TYPE_NOT_FOUND',
    `Sakura type ${type} does not exist (types are 0–10)`,
    field ? { field } : undefined,
  );
}
