import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ParkCatalogService } from '#pipeline';
import { Public } from '../auth/decorators.js';
import { ApiQueryFrom, parseQuery } from '../common/query.js';

const listQuery = { board: z.string().max(50).optional() };

@ApiTags('园区目录 parks')
@Controller('api')
export class ParkController {
  constructor(private readonly catalog: ParkCatalogService) {}

  @Public()
  @Get('boards')
  @ApiOperation({ summary: '板块列表（县市区与市直园区）' })
  async boards() {
    return { items: await this.catalog.boards() };
  }

  @Public()
  @Get('parks')
  @ApiOperation({ summary: '20 个科技创新型特色园区及其主攻方向（当前版本）' })
  @ApiQueryFrom(listQuery)
  async list(@Query() query: unknown) {
    const q = parseQuery(listQuery, query);
    return { items: await this.catalog.parks(q.board || undefined) };
  }

  @Public()
  @Get('parks/:id')
  @ApiOperation({ summary: '一个园区的当前画像与全部历史版本' })
  async one(@Param('id') id: string) {
    return this.catalog.park(id);
  }
}
