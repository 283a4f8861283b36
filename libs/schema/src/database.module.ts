import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from './schema';

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
})
export class DatabaseModule {}
