import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { BullBoardModule } from '@bull-board/nestjs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TokenService } from '@app/access';
import { QueueName } from '@app/queue';
import { bearerOf } from './auth.guard';

const DASHBOARD = /^\/queues(\/|\?|$)/;

/**
 * The BullMQ dashboard at /queues, for admins and CPOs (the login is `guardQueuesDashboard`).
 */
export const QueuesDashboardModules = [
  BullBoardModule.forRoot({ route: '/queues', adapter: FastifyAdapter }),
  ...Object.values(QueueName).map((name) => BullBoardModule.forFeature({ name, adapter: BullMQAdapter })),
];

/**
 * Every request under /queues — the page, its assets and its API — needs an admin or CPO token,
 * checked before Fastify routes the request. Browsers log in with HTTP basic auth (any user name,
 * the API token as password); scripts can send the usual bearer header.
 */
export function guardQueuesDashboard(instance: FastifyInstance, tokens: TokenService): void {
  instance.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!DASHBOARD.test(request.url)) return;
    const secret = bearerOf(request);
    const token = secret ? await tokens.authenticate(secret) : null;
    if (token && (token.role === 'admin' || token.role === 'cpo')) return;
    await reply
      .code(401)
      .header('WWW-Authenticate', 'Basic realm="IP Pool Ledger queues", charset="UTF-8"')
      .send({ statusCode: 401, code: 'AUTH.UNAUTHENTICATED', message: 'an admin or cpo token is required', requestId: request.id });
  });
}
