export * from './portfolio-forecast.calculator';
export * from './ip-fund-runway.calculator';
export * from './patent-forecast.service';
