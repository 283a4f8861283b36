export * from './fee-errors';
export * from './fee-schedule.types';
export * from './official-fee-schedules';
export * from './statutory-fee-timing';
export { scheduleInForceOn } from './fee-schedule-lookup';
export { jpoAnnualFee, usptoMaintenanceFee, epoRenewalFee } from './office-fee.rules';
export type { FeeCharge, JpoFeeCharge, JpoFeeRequest } from './office-fee.rules';
export * from './fee-forecast.types';
export { forecastFees, addCurrencyTotals, zeroTotals } from './fee-forecast.calculator';
export { MAX_HORIZON_FISCAL_YEARS } from './fee-engine';
export * from './fee-forecast-totals.calculator';
export { ExchangeRateTable, convertToYen, convertForecastToYen } from './yen-conversion';
export type {
  ExchangeRateRecord,
  ExchangeRateUsed,
  ForeignCurrency,
  YenFeeForecast,
  YenFiscalYearTotals,
  YenForecastItem,
} from './yen-conversion';
