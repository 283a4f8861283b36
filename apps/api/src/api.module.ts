import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { LoggerModule } from 'nestjs-pino';
import { AccessModule } from '@app/access';
import { DatabaseModule } from '@app/schema';
import { MembershipModule } from '@app/membership';
import { PlatformModule } from '@app/platform';
import { ProjectsModule } from '@app/projects';
import { FundingModule } from '@app/funding';
import { PatentReviewModule, PatentsRegistryModule } from '@app/patents';
import { EntitlementsModule } from '@app/entitlements';
import { LedgerModule } from '@app/ledger';
import { QueueModule } from '@app/queue';
import { validateEnv } from '@app/runtime';
import { WorkerProcessorsModule, WorkerSettings } from '../../worker/src/worker-processors.module';
import { AuditController } from './access/audit.controller';
import { TokensController } from './access/tokens.controller';
import { HealthController } from './health/health.controller';
import { QueueHealthIndicator } from './health/queue.health';
import { AppThrottlerGuard } from './http/app-throttler.guard';
import { AuthGuard } from './http/auth.guard';
import { httpLoggerOptions } from './http/http-logger';
import { FixedWindowThrottlerStorage } from './http/fixed-window-throttler-storage';
import { ErrorFilter } from './http/error.filter';
import { MetricsController } from './http/metrics.controller';
import { QueuesDashboardModules } from './http/queues-dashboard';
import { MembershipsController } from './membership/memberships.controller';
import { OrganisationsController } from './membership/organisations.controller';
import { PlatformsController } from './platform/platforms.controller';
import { ProjectsController } from './projects/projects.controller';
import { ContributionsController } from './funding/contributions.controller';
import { ReportsController } from './funding/reports.controller';
import { LedgerController } from './ledger/ledger.controller';
import { SakuraTypesController } from './ip-registry/sakura-types.controller';
import { AgreementsController } from './ip-registry/agreements.controller';
import { IpAssetsController } from './ip-registry/ip-assets.controller';
import { FilingsController } from './ip-registry/filings.controller';
import { CatalogueController } from './ip-registry/catalogue.controller';
import { PatentCostsModule } from '@app/patents';
import { PatentCostsController } from './patent-costs/patent-costs.controller';
import { ExchangeRatesController } from './patent-costs/exchange-rates.controller';
import { CostBillsController } from './patent-costs/cost-bills.controller';
import { ForecastsController } from './patent-review/forecasts.controller';
import { ReviewsController } from './patent-review/reviews.controller';
import { RightsController } from './entitlements/rights.controller';
import { CommitteeDecisionsController } from './entitlements/committee-decisions.controller';
import { LicensingModule } from '@app/licensing';
import { LicenceRequestsController } from './licensing/licence-requests.controller';
import { LicencesController } from './licensing/licences.controller';
import { OwnerPayoutsController } from './licensing/owner-payouts.controller';
import { MetricsModule } from '@app/metrics';
import { PoolMetricsController } from './metrics/metrics.controller';
import { CommonsController } from './commons/commons.controller';
import { ResearchUsesController } from './commons/research-uses.controller';

export interface ApiModuleOptions {
  /** Run the job processors in this process too (`npm start`); production runs apps/worker. */
  withWorker: boolean;
  /** The worker's settings, when it runs here. */
  worker: WorkerSettings;
}

@Module({})
export class ApiModule {
  static register(options: ApiModuleOptions): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateEnv }),
        LoggerModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({
            pinoHttp: httpLoggerOptions(config.get<string>('LOG_LEVEL') ?? 'info'),
          }),
        }),
        PrometheusModule.register({ path: '/metrics', controller: MetricsController, defaultMetrics: { enabled: true } }),
        ThrottlerModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => {
            const redisUrl = config.get<string>('REDIS_URL');
            return {
              throttlers: [{ name: 'default', ttl: 60_000, limit: config.getOrThrow<number>('RATE_LIMIT_PER_MINUTE') }],
              // Counters shared by every replica, namespaced like the queues (one Redis may serve several deployments).
              storage: redisUrl
                ? new ThrottlerStorageRedisService(redisUrl, { keyPrefix: `${config.get<string>('QUEUE_PREFIX') ?? 'ipl'}:throttle:` })
                : new FixedWindowThrottlerStorage(),
            };
          },
        }),
        TerminusModule,
        DatabaseModule,
        QueueModule,
        AccessModule,
        MembershipModule,
        PlatformModule,
        ProjectsModule,
        LedgerModule,
        FundingModule,
        PatentsRegistryModule,
        PatentCostsModule,
        PatentReviewModule,
        EntitlementsModule,
        LicensingModule,
        MetricsModule,
        ...QueuesDashboardModules,
        ...(options.withWorker ? [WorkerProcessorsModule.register(options.worker)] : []),
      ],
      // Express tries routes in registration order, so the hot paths (rights checks, postings)
      // come first: a request to a route registered late pays for every route tried before it.
      controllers: [
        HealthController,
        RightsController,
        LedgerController,
        TokensController,
        AuditController,
        OrganisationsController,
        PlatformsController,
        MembershipsController,
        ProjectsController,
        ContributionsController,
        ReportsController,
        SakuraTypesController,
        AgreementsController,
        IpAssetsController,
        FilingsController,
        CatalogueController,
        PatentCostsController,
        ExchangeRatesController,
        CostBillsController,
        ForecastsController,
        ReviewsController,
        CommitteeDecisionsController,
        LicenceRequestsController,
        LicencesController,
        OwnerPayoutsController,
        PoolMetricsController,
        CommonsController,
        ResearchUsesController,
      ],
      providers: [
        QueueHealthIndicator,
        { provide: APP_GUARD, useClass: AppThrottlerGuard },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }
}
