export * from './patent-review-decision.entity';
export * from './patent-takeover-offer.entity';
export * from './review-rules.calculator';
export * from './patent-review.service';
export * from './patent-review.module';
