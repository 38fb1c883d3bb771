import { Controller, Param, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '#auth';
import { PARK_QUERIES, PARK_REQUESTS } from '#contract';
import { ROLES } from '#domain';
import { ProspectService } from '#pipeline';
import { CurrentUser } from '../auth/decorators.js';
import { Endpoint, ParsedBody, ParsedQuery, uploadedFile, type BodyOf, type QueryOf, type UploadedTempFile } from '../common/endpoint.js';
import { toPage } from '../common/query.js';
import { SHEET_UPLOAD } from '../imports/upload-errors.interceptor.js';

const listQuery = PARK_QUERIES.prospects;

@ApiTags('招商对象 prospects（企业名单）')
@ApiBearerAuth()
@Controller('api')
export class ProspectController {
  constructor(private readonly prospects: ProspectService) {}

  @Endpoint({
    post: 'parks/:park/prospect-imports', roles: [...ROLES], status: 202, upload: SHEET_UPLOAD,
    summary: '为一个园区上传企业名单（CSV / XLSX：企业名称、统一社会信用代码、经营范围、主营产品、近期投资或扩产、来源）；逐行校验，错误行报告行号，其余入库并由队列按园区方向与应用场景评分；返回批次编号',
  })
  upload(@Param('park') park: string, @UploadedFile() file: UploadedTempFile | undefined, @CurrentUser() user: Principal) {
    return this.prospects.start(park, uploadedFile(file), user);
  }

  @Endpoint({ get: 'prospect-imports/:id', roles: [...ROLES], summary: '名单导入进度：状态（reading 读取中 / scoring 评分中 / done / failed）、已读、入库、错误行数、已评分数与前 100 条错误' })
  status(@Param('id') id: string, @CurrentUser() user: Principal) {
    return this.prospects.status(id, user);
  }

  @Endpoint({ get: 'parks/:park/prospects', roles: [...ROLES], query: listQuery, summary: '园区的招商对象，按匹配度从高到低，附理由（对口的主攻方向、契合的应用场景）' })
  list(@Param('park') park: string, @ParsedQuery() q: QueryOf<typeof listQuery>, @CurrentUser() user: Principal) {
    return this.prospects.list(park, { status: q.status, batchId: q.batch }, toPage(q), user);
  }

  @Endpoint({ post: 'parks/:park/prospects/:id/lead', roles: [...ROLES], status: 201, summary: '一键把招商对象转为线索（来源板块为园区所在板块，名单与来源记入线索历史），随后照常评分' })
  toLead(@Param('park') park: string, @Param('id') id: string, @CurrentUser() user: Principal) {
    return this.prospects.toLead(park, id, user);
  }

  @Endpoint({ post: 'parks/:park/prospects/:id/dismiss', roles: [...ROLES], status: 200, body: PARK_REQUESTS.dismissProspect, example: { reason: '已在本市落地' }, summary: '忽略一个招商对象，须写明原因' })
  dismiss(@Param('park') park: string, @Param('id') id: string, @ParsedBody() b: BodyOf<typeof PARK_REQUESTS.dismissProspect>, @CurrentUser() user: Principal) {
    return this.prospects.dismiss(park, id, b.reason, user);
  }
}
