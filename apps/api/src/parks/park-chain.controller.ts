import { Controller, Param, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '#auth';
import { ROLES } from '#domain';
import { ParkChainService } from '#pipeline';
import { CurrentUser } from '../auth/decorators.js';
import { Endpoint, uploadedFile, type UploadedTempFile } from '../common/endpoint.js';
import { SHEET_UPLOAD } from '../imports/upload-errors.interceptor.js';

@ApiTags('产业招商图谱 补链')
@ApiBearerAuth()
@Controller('api/parks/:park')
export class ParkChainController {
  constructor(private readonly parkChain: ParkChainService) {}

  @Endpoint({
    post: 'firms', roles: [...ROLES], status: 201, upload: SHEET_UPLOAD,
    summary: '上传园区现有企业名单（CSV / XLSX：企业名称、统一社会信用代码、经营范围、主营产品），整份替换上一份；错误行报告行号，其余按主营产品与经营范围识别所属环节',
  })
  upload(@Param('park') park: string, @UploadedFile() file: UploadedTempFile | undefined, @CurrentUser() user: Principal) {
    return this.parkChain.uploadFirms(park, uploadedFile(file), user);
  }

  @Endpoint({ get: 'firms', roles: [...ROLES], summary: '园区现有企业名单及每家企业识别出的环节' })
  firms(@Param('park') park: string, @CurrentUser() user: Principal) {
    return this.parkChain.firms(park, user);
  }

  @Endpoint({ get: 'chain', roles: [...ROLES], summary: '园区补链：主攻方向上下游的各环节，已由园区现有企业或已承接项目覆盖，还是补链缺口' })
  chain(@Param('park') park: string, @CurrentUser() user: Principal) {
    return this.parkChain.chain(park, user);
  }
}
