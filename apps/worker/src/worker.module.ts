import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { DatabaseModule } from '@app/schema';
import { QueueModule } from '@app/queue';
import { validateEnv } from '@app/runtime';
import { WorkerProcessorsModule } from './worker-processors.module';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateEnv }),
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({ pinoHttp: { level: config.get<string>('LOG_LEVEL') } }),
    }),
    DatabaseModule,
    QueueModule,
    WorkerProcessorsModule,
  ],
})
export class WorkerModule {}
