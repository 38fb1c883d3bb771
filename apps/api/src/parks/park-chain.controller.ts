import { tmpdir } from 'node:os';
import { Controller, Get, HttpCode, Param, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '#auth';
import { IMPORT_LIMITS } from '#intake';
import { ParkChainService } from '#pipeline';
import { CurrentUser, Roles } from '../auth/decorators.js';
import { UploadErrorsInterceptor } from '../imports/upload-errors.interceptor.js';

@ApiTags('产业招商图谱 补链')
@ApiBearerAuth()
@Controller('api/parks/:park')
export class ParkChainController {
  constructor(private readonly parkChain: ParkChainService) {}

  @Roles('park_operator', 'promoter', 'manager', 'admin')
  @Post('firms')
  @HttpCode(201)
  @ApiOperation({ summary: '上传园区现有企业名单（CSV / XLSX：企业名称、统一社会信用代码、经营范围、主营产品），整份替换上一份；错误行报告行号，其余按主营产品与经营范围识别所属环节' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @UseInterceptors(UploadErrorsInterceptor, FileInterceptor('file', { dest: tmpdir(), limits: { fileSize: IMPORT_LIMITS.maxUploadBytes, files: 1, fields: 5 } }))
  upload(@Param('park') park: string, @UploadedFile() file: { path: string; originalname: string; size: number } | undefined, @CurrentUser() user: Principal) {
    return this.parkChain.uploadFirms(park, file && { path: file.path, originalname: Buffer.from(file.originalname, 'latin1').toString('utf8'), size: file.size }, user);
  }

  @Roles('park_operator', 'promoter', 'manager', 'admin')
  @Get('firms')
  @ApiOperation({ summary: '园区现有企业名单及每家企业识别出的环节' })
  firms(@Param('park') park: string, @CurrentUser() user: Principal) {
    return this.parkChain.firms(park, user);
  }

  @Roles('park_operator', 'promoter', 'manager', 'admin')
  @Get('chain')
  @ApiOperation({ summary: '园区补链：主攻方向上下游的各环节，已由园区现有企业或已承接项目覆盖，还是补链缺口' })
  chain(@Param('park') park: string, @CurrentUser() user: Principal) {
    return this.parkChain.chain(park, user);
  }
}
