import { plainToInstance, Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

const toBool = ({ value }: { value: unknown }) => (value === undefined ? undefined : value === true || value === 'true' || value === '1');

/** Every setting the service reads, validated once at start with a message naming the bad value. */
export class Env {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsInt()
  @Min(0)
  @Max(65535)
  @Type(() => Number)
  PORT: number = 3000;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsString()
  EMBEDDED_PG_DIR: string = '.data/postgres';

  @IsInt()
  @Min(1024)
  @Max(65535)
  @Type(() => Number)
  EMBEDDED_PG_PORT: number = 54329;

  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsString()
  @Matches(/^[a-z0-9_-]+$/i, { message: 'QUEUE_PREFIX may hold letters, digits, _ and -' })
  QUEUE_PREFIX: string = 'ipl';

  /** `npm start` runs the worker inside the API process; production runs it separately. */
  @Transform(toBool)
  @IsBoolean()
  RUN_WORKER: boolean = true;

  /** Only the API runs migrations; workers wait for the schema. */
  @Transform(toBool)
  @IsBoolean()
  RUN_MIGRATIONS: boolean = true;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  @IsInt()
  @Min(1)
  @Max(1_000_000)
  @Type(() => Number)
  RATE_LIMIT_PER_MINUTE: number = 1200;

  @IsInt()
  @Min(1)
  @Max(100_000)
  @Type(() => Number)
  PUBLIC_RATE_LIMIT_PER_MINUTE: number = 120;

  @Matches(/^\d+(b|kb|mb)$/i, { message: 'BODY_LIMIT must look like 512kb or 1mb' })
  BODY_LIMIT: string = '1mb';

  @IsInt()
  @Min(1)
  @Max(200)
  @Type(() => Number)
  DATABASE_POOL_SIZE: number = 10;

  /**
   * How long an API process may reuse a checked token without asking PostgreSQL again; 0 turns
   * the cache off. Revocations reach every process at once through LISTEN/NOTIFY, and while that
   * channel is down the cache is not used, so this bounds nothing a revocation depends on.
   */
  @IsInt()
  @Min(0)
  @Max(3600)
  @Type(() => Number)
  TOKEN_CACHE_SECONDS: number = 60;

  /**
   * How long an API process may reuse a rights answer; 0 turns the cache off. Any change to what
   * a rights check reads empties every process's cache at once (LISTEN/NOTIFY, ADR 0006).
   */
  @IsInt()
  @Min(0)
  @Max(3600)
  @Type(() => Number)
  RIGHTS_CACHE_SECONDS: number = 60;

  @IsInt()
  @Min(1)
  @Max(64)
  @Type(() => Number)
  WORKER_CONCURRENCY: number = 2;

  /**
   * A job's lock lasts this long and is renewed at half of it while the job runs; workers look for
   * jobs whose lock lapsed (their worker died) this often and run them again. A killed worker's job
   * is therefore picked up again within about three times this.
   */
  @IsInt()
  @Min(2)
  @Max(600)
  @Type(() => Number)
  JOB_STALL_SECONDS: number = 30;

  @IsString()
  APP_NAME: string = 'ip-pool-ledger';
}

export class InvalidConfigError extends Error {}

export function validateEnv(raw: Record<string, unknown>): Env {
  const env = plainToInstance(Env, raw, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}=${JSON.stringify(raw[e.property])}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new InvalidConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return env;
}
