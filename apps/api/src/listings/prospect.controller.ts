import { tmpdir } from 'node:os';
import { Body, Controller, Get, HttpCode, Param, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Principal } from '#auth';
import { IMPORT_LIMITS } from '#intake';
import { PROSPECT_STATUSES } from '#domain';
import { ProspectService } from '#pipeline';
import { CurrentUser, Roles } from '../auth/decorators.js';
import { parseBody } from '../common/body.js';
import { ApiQueryFrom, pageQuery, parseQuery, toPage } from '../common/query.js';
import { UploadErrorsInterceptor } from '../imports/upload-errors.interceptor.js';

const listQuery = {
  ...pageQuery,
  status: z.enum(PROSPECT_STATUSES, { message: '须为 new（待处理）/ lead（已转线索）/ dismissed（已忽略）' }).optional(),
  batch: z.string().max(100).optional(),
};

@ApiTags('招商对象 prospects（企业名单）')
@ApiBearerAuth()
@Controller('api')
export class ProspectController {
  constructor(private readonly prospects: ProspectService) {}

  @Roles('park_operator', 'promoter', 'manager', 'admin')
  @Post('parks/:park/prospect-imports')
  @HttpCode(202)
  @ApiOperation({ summary: '为一个园区上传企业名单（CSV / XLSX：企业名称、统一社会信用代码、经营范围、主营产品、近期投资或扩产、来源）；逐行校验，错误行报告行号，其余入库并由队列按园区方向与应用场景评分；返回批次编号' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @UseInterceptors(UploadErrorsInterceptor, FileInterceptor('file', { dest: tmpdir(), limits: { fileSize: IMPORT_LIMITS.maxUploadBytes, files: 1, fields: 5 } }))
  upload(@Param('park') park: string, @UploadedFile() file: { path: string; originalname: string; size: number } | undefined, @CurrentUser() user: Principal) {
    return this.prospects.start(park, file && { path: file.path, originalname: Buffer.from(file.originalname, 'latin1').toString('utf8'), size: file.size }, user);
  }

  @Roles('park_operator', 'promoter', 'manager', 'admin')
  @Get('prospect-imports/:id')
  @ApiOperation({ summary: '名单导入进度：状态（reading 读取中 / scoring 评分中 / done / failed）、已读、入库、错误行数、已评分数与前 100 条错误' })
  status(@Param('id') id: string, @CurrentUser() user: Principal) {
    return this.prospects.status(id, user);
  }

  @Roles('park_operator', 'promoter', 'manager', 'admin')
  @Get('parks/:park/prospects')
  @ApiOperation({ summary: '园区的招商对象，按匹配度从高到低，附理由（对口的主攻方向、契合的应用场景）' })
  @ApiQueryFrom(listQuery)
  list(@Param('park') park: string, @Query() query: unknown, @CurrentUser() user: Principal) {
    const q = parseQuery(listQuery, query);
    return this.prospects.list(park, { status: q.status, batchId: q.batch }, toPage(q), user);
  }

  @Roles('park_operator', 'promoter', 'manager', 'admin')
  @Post('parks/:park/prospects/:id/lead')
  @HttpCode(201)
  @ApiOperation({ summary: '一键把招商对象转为线索（来源板块为园区所在板块，名单与来源记入线索历史），随后照常评分' })
  toLead(@Param('park') park: string, @Param('id') id: string, @CurrentUser() user: Principal) {
    return this.prospects.toLead(park, id, user);
  }

  @Roles('park_operator', 'promoter', 'manager', 'admin')
  @Post('parks/:park/prospects/:id/dismiss')
  @HttpCode(200)
  @ApiOperation({ summary: '忽略一个招商对象，须写明原因' })
  @ApiBody({ schema: { example: { reason: '已在本市落地' } } })
  dismiss(@Param('park') park: string, @Param('id') id: string, @Body() body: unknown, @CurrentUser() user: Principal) {
    const b = parseBody({ reason: z.string({ message: '请填写忽略原因（reason）' }).trim().min(1, '请填写忽略原因（reason）').max(500, '原因不超过 500 字') }, body);
    return this.prospects.dismiss(park, id, b.reason, user);
  }
}
