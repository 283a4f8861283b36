import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import type { NextFunction, Request, Response } from 'express';
import { AccessModule, TokenService } from '@app/access';
import { QueueName } from '@app/queue';
import { bearerOf } from './auth.guard';

/**
 * The BullMQ dashboard at /queues, for admins and CPOs. Browsers log in with HTTP basic auth
 * (any user name, the API token as password); scripts can send the usual bearer header.
 */
export const QueuesDashboardModules = [
  BullBoardModule.forRootAsync({
    imports: [AccessModule],
    inject: [TokenService],
    useFactory: (tokens: TokenService) => ({
      route: '/queues',
      adapter: ExpressAdapter,
      middleware: (req: Request, res: Response, next: NextFunction) => {
        const secret = bearerOf(req);
        void (secret ? tokens.authenticate(secret) : Promise.resolve(null)).then(
          (token) => {
            if (token && (token.role === 'admin' || token.role === 'cpo')) return next();
            res.setHeader('WWW-Authenticate', 'Basic realm="IP Pool Ledger queues", charset="UTF-8"');
            res.status(401).json({ statusCode: 401, code: 'AUTH.UNAUTHENTICATED', message: 'an admin or cpo token is required' });
          },
          (err: unknown) => next(err),
        );
      },
    }),
  }),
  ...Object.values(QueueName).map((name) => BullBoardModule.forFeature({ name, adapter: BullMQAdapter })),
];
