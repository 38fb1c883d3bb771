import { Controller, Param, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '#auth';
import type { Role } from '#domain';
import { IMPORT_LIMITS } from '#intake';
import { ParkChainService } from '#pipeline';
import { CurrentUser } from '../auth/decorators.js';
import { Endpoint, uploadedFile, type UploadedTempFile } from '../common/endpoint.js';
import { UploadErrorsInterceptor } from '../imports/upload-errors.interceptor.js';

/** Every role passes the gate; the service checks who may read or replace the park's list. */
const PARK_WORK: Role[] = ['park_operator', 'promoter', 'manager', 'admin'];

@ApiTags('产业招商图谱 补链')
@ApiBearerAuth()
@Controller('api/parks/:park')
export class ParkChainController {
  constructor(private readonly parkChain: ParkChainService) {}

  @Endpoint({
    post: 'firms', roles: PARK_WORK, status: 201, upload: { maxBytes: IMPORT_LIMITS.maxUploadBytes, fields: 5, errors: UploadErrorsInterceptor },
    summary: '上传园区现有企业名单（CSV / XLSX：企业名称、统一社会信用代码、经营范围、主营产品），整份替换上一份；错误行报告行号，其余按主营产品与经营范围识别所属环节',
  })
  upload(@Param('park') park: string, @UploadedFile() file: UploadedTempFile | undefined, @CurrentUser() user: Principal) {
    return this.parkChain.uploadFirms(park, uploadedFile(file), user);
  }

  @Endpoint({ get: 'firms', roles: PARK_WORK, summary: '园区现有企业名单及每家企业识别出的环节' })
  firms(@Param('park') park: string, @CurrentUser() user: Principal) {
    return this.parkChain.firms(park, user);
  }

  @Endpoint({ get: 'chain', roles: PARK_WORK, summary: '园区补链：主攻方向上下游的各环节，已由园区现有企业或已承接项目覆盖，还是补链缺口' })
  chain(@Param('park') park: string, @CurrentUser() user: Principal) {
    return this.parkChain.chain(park, user);
  }
}
