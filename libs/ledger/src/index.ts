export * from './chart-of-accounts';
export * from './posting';
export * from './ledger-account.entity';
export * from './journal-entry.entity';
export * from './journal-line.entity';
export * from './fiscal-period.entity';
export * from './ledger.service';
export * from './ledger.module';
