import { Module } from '@nestjs/common';
import { AccessModule } from '@app/access';
import { PatentReviewModule } from '@app/patents';
import { CommonsService } from './commons.service';
import { MetricsService } from './metrics.service';

@Module({
  imports: [AccessModule, PatentReviewModule],
  providers: [MetricsService, CommonsService],
  exports: [MetricsService, CommonsService],
})
export class MetricsModule {}
