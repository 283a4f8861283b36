import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { configureQueueBackend } from './bull-connection';
import { QueueName } from './jobs';
import { JobProducer } from './job-producer.service';

const queues = Object.values(QueueName).map((name) => BullModule.registerQueue({ name }));

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => {
        const backend = configureQueueBackend({
          redisUrl: config.get<string>('REDIS_URL'),
          databaseUrl: config.getOrThrow<string>('DATABASE_URL'),
        });
        return { connection: backend.connection, prefix: config.get<string>('QUEUE_PREFIX') ?? 'ipl' };
      },
    }),
    ...queues,
  ],
  providers: [JobProducer],
  exports: [JobProducer, ...queues],
})
export class QueueModule {}
