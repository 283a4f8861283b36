import { Module } from '@nestjs/common';
import { AccessModule } from '@app/access';
import { PatentForecastService } from '../forecast/patent-forecast.service';
import { PatentsRegistryModule } from '../registry/patents-registry.module';
import { PatentReviewService } from './patent-review.service';

/** Fee forecasts, the IP-fund runway and maintain/abandon reviews (issue 4). */
@Module({
  imports: [AccessModule, PatentsRegistryModule],
  providers: [PatentForecastService, PatentReviewService],
  exports: [PatentForecastService, PatentReviewService],
})
export class PatentReviewModule {}
