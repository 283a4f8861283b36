import { Module } from '@nestjs/common';
import { AccessModule } from '@app/access';
import { AgreementService } from './agreement.service';
import { IpAssetImportService } from './ip-asset-import.service';
import { IpAssetService } from './ip-asset.service';
import { IpFilingService } from './ip-filing.service';
import { SakuraTypeService } from './sakura-type.service';

@Module({
  imports: [AccessModule],
  providers: [
    SakuraTypeService,
    AgreementService,
    IpAssetService,
    IpFilingService,
    IpAssetImportService,
  ],
  exports: [
    SakuraTypeService,
    AgreementService,
    IpAssetService,
    IpFilingService,
    IpAssetImportService,
  ],
})
export class PatentsRegistryModule {}
