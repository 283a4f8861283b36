/**
 * The schema as TypeORM sees it: every entity of every domain library and every migration. It
 * lives in its own library, above the domain libraries, so that `libs/database` (column helpers,
 * naming, migrations, embedded PostgreSQL) depends on no domain code and no cycle forms.
 */
import { DataSourceOptions } from 'typeorm';
import { ApiToken, AuditEntry } from '@app/access';
import { Membership, Organisation } from '@app/membership';
import { Platform, PolicyVersion } from '@app/platform';
import { ProjectFundingSource, ProjectParticipant, ResearchProject } from '@app/projects';
import { FiscalPeriod, JournalEntry, JournalLine, LedgerAccount } from '@app/ledger';
import { Contribution, ContributionReceipt, ContributionReceiptReversal, ContributionReversal, FundingShare } from '@app/funding';
import {
  IpAsset,
  IpAssetInventor,
  IpAssetOption,
  IpFiling,
  IpFilingStatusChange,
  IpOwnershipShare,
  IpOwnershipVersion,
  JointResearchAgreement,
  JointResearchAgreementCompany,
  PatentReviewDecision,
  PatentTakeoverOffer,
  SakuraType,
} from '@app/patents';
import { ExchangeRate, PatentCostAction, PatentCostAllocation, PatentCostEvent } from '@app/patents';
import {
  Commercialisation,
  Licence,
  LicenceIncomeShare,
  LicenceReceipt,
  LicenceReceiptReversal,
  LicenceTermination,
  OwnerPayout,
  LicenceRequest,
  LicenceStandardTerms,
  RoyaltyReport,
  RoyaltyReportReversal,
} from '@app/licensing';
import { SnakeNamingStrategy } from '@app/database';
import { Foundation1764000000000 } from '@app/database/migrations/1764000000000-foundation';
import { Ledger1764100000000 } from '@app/database/migrations/1764100000000-ledger';
import { Funding1764200000000 } from '@app/database/migrations/1764200000000-funding';
import { Patents1764300000000 } from '@app/database/migrations/1764300000000-patents';
import { PatentCosts1764400000000 } from '@app/database/migrations/1764400000000-patent-costs';
import { PatentReviews1764500000000 } from '@app/database/migrations/1764500000000-patent-reviews';
import { Entitlements1764600000000 } from '@app/database/migrations/1764600000000-entitlements';
import { Licensing1764700000000 } from '@app/database/migrations/1764700000000-licensing';
import { MetricsCommons1764800000000 } from '@app/database/migrations/1764800000000-metrics-commons';
import { EntitlementsCompactRecompute1764900000000 } from '@app/database/migrations/1764900000000-entitlements-compact-recompute';
import { TokenChangeNotify1765000000000 } from '@app/database/migrations/1765000000000-token-change-notify';
import { LedgerBatchPosting1765100000000 } from '@app/database/migrations/1765100000000-ledger-batch-posting';
import { RightsInputsNotify1765200000000 } from '@app/database/migrations/1765200000000-rights-inputs-notify';
import { LedgerPostBatchCachedPlans1765300000000 } from '@app/database/migrations/1765300000000-ledger-post-batch-cached-plans';
import { LedgerPostBatchLockedAccounts1765400000000 } from '@app/database/migrations/1765400000000-ledger-post-batch-locked-accounts';
import { OwnerPayouts1765500000000 } from '@app/database/migrations/1765500000000-owner-payouts';
import { LicenceTerminations1765600000000 } from '@app/database/migrations/1765600000000-licence-terminations';
import { ContributionReceiptReversals1765700000000 } from '@app/database/migrations/1765700000000-contribution-receipt-reversals';
import { LicenceReceiptReversals1765800000000 } from '@app/database/migrations/1765800000000-licence-receipt-reversals';
import { RoyaltyReportReversals1765900000000 } from '@app/database/migrations/1765900000000-royalty-report-reversals';

/** Every entity, listed explicitly (no globs: what is mapped is what is written here). */
export const ENTITIES = [
  ApiToken,
  AuditEntry,
  Organisation,
  Membership,
  Platform,
  PolicyVersion,
  ResearchProject,
  ProjectParticipant,
  ProjectFundingSource,
  LedgerAccount,
  JournalEntry,
  JournalLine,
  FiscalPeriod,
  Contribution,
  ContributionReceipt,
  ContributionReceiptReversal,
  ContributionReversal,
  FundingShare,
  SakuraType,
  JointResearchAgreement,
  JointResearchAgreementCompany,
  IpAsset,
  IpAssetInventor,
  IpAssetOption,
  IpOwnershipVersion,
  IpOwnershipShare,
  IpFiling,
  IpFilingStatusChange,
  PatentReviewDecision,
  PatentTakeoverOffer,
  ExchangeRate,
  PatentCostEvent,
  PatentCostAllocation,
  PatentCostAction,
  LicenceStandardTerms,
  LicenceRequest,
  Licence,
  RoyaltyReport,
  RoyaltyReportReversal,
  LicenceReceipt,
  OwnerPayout,
  LicenceReceiptReversal,
  LicenceTermination,
  LicenceIncomeShare,
  Commercialisation,
];

/** Migrations in order. The schema is only ever changed by these, never by `synchronize`. */
export const MIGRATIONS = [Foundation1764000000000, Ledger1764100000000, Funding1764200000000, Patents1764300000000, PatentCosts1764400000000, PatentReviews1764500000000, Entitlements1764600000000, Licensing1764700000000, MetricsCommons1764800000000, EntitlementsCompactRecompute1764900000000, TokenChangeNotify1765000000000, LedgerBatchPosting1765100000000, RightsInputsNotify1765200000000, LedgerPostBatchCachedPlans1765300000000, LedgerPostBatchLockedAccounts1765400000000, OwnerPayouts1765500000000, LicenceTerminations1765600000000, ContributionReceiptReversals1765700000000, LicenceReceiptReversals1765800000000, RoyaltyReportReversals1765900000000];

export function dataSourceOptions(url: string, extra: { poolSize?: number; applicationName?: string } = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'all',
    namingStrategy: new SnakeNamingStrategy(),
    // Without this, findOneBy({ id: undefined }) silently returns the first row of the table.
    invalidWhereValuesBehavior: { null: 'throw', undefined: 'throw' },
    extra: { max: extra.poolSize ?? 10, application_name: extra.applicationName ?? 'ip-pool-ledger' },
  };
}
