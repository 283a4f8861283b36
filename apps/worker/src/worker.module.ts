import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { DatabaseModule } from '@app/schema';
import { QueueModule } from '@app/queue';
import { Env, validateEnv } from '@app/runtime';
import { WorkerProcessorsModule } from './worker-processors.module';

@Module({})
export class WorkerModule {
  static register(env: Env): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateEnv }),
        LoggerModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({
            pinoHttp: { level: config.get<string>('LOG_LEVEL') },
          }),
        }),
        DatabaseModule,
        QueueModule,
        WorkerProcessorsModule.register(env),
      ],
    };
  }
}
