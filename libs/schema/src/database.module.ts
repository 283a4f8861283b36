import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChangeFeed } from '@app/database';
import { dataSourceOptions } from './schema';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) =>
        dataSourceOptions(config.getOrThrow<string>('DATABASE_URL'), {
          poolSize: config.get<number>('DATABASE_POOL_SIZE'),
          applicationName: config.get<string>('APP_NAME'),
        }),
    }),
  ],
  // One change feed (LISTEN connection) per process, shared by every cache that needs it.
  providers: [ChangeFeed],
  exports: [ChangeFeed],
})
export class DatabaseModule {}
