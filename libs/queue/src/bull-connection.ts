import { ConnectionOptions, createPostgresBackend, setDefaultBackendFactory } from 'bullmq';

export interface QueueBackendSettings {
  redisUrl?: string;
  databaseUrl: string;
}

export interface QueueBackend {
  kind: 'redis' | 'postgres';
  connection: ConnectionOptions;
}

/**
 * Chooses BullMQ's backend for the whole process. @nestjs/bullmq passes `connection` through
 * but not a backend factory, so the factory is set process-wide before any queue exists:
 * Redis when REDIS_URL is set, otherwise BullMQ 6's PostgreSQL backend on our own database.
 */
export function configureQueueBackend(settings: QueueBackendSettings): QueueBackend {
  if (settings.redisUrl) {
    setDefaultBackendFactory();
    return {
      kind: 'redis',
      connection: { url: settings.redisUrl, maxRetriesPerRequest: null },
    };
  }
  setDefaultBackendFactory(createPostgresBackend);
  return {
    kind: 'postgres',
    connection: { connectionString: settings.databaseUrl, migrate: true },
  };
}
