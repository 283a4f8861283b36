import { ExecutionContext, createParamDecorator, applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { IncomingHttpHeaders } from 'node:http';
import { assertIdempotencyKey } from '@app/kernel';
import type { Reply } from './reply';

/** The Idempotency-Key header, required on every posting endpoint. */
export const IdempotencyKey = createParamDecorator((_: unknown, ctx: ExecutionContext): string =>
  assertIdempotencyKey(ctx.switchToHttp().getRequest<{ headers: IncomingHttpHeaders }>().headers['idempotency-key']),
);

export const ApiIdempotencyKey = () =>
  applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: true,
      description:
        'Client-chosen key (8–200 chars: letters, digits, . _ : -). The same key with the same body returns the first result ' +
        '(200, header Idempotent-Replayed: true); with a different body it is refused with 409 IDEMPOTENCY.KEY_REUSED.',
    }),
  );

/** 201 for a new posting, 200 + Idempotent-Replayed for a replay of an earlier one. */
export function markReplay(res: Reply, replayed: boolean) {
  if (replayed) {
    res.status(200);
    res.header('Idempotent-Replayed', 'true');
  }
}
