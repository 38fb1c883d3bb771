import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Principal } from '#auth';
import { LISTING_KINDS, LISTING_STATUSES } from '#domain';
import { ListingMatchService, ListingService } from '#pipeline';
import { CurrentUser, Roles } from '../auth/decorators.js';
import { ApiQueryFrom, pageQuery, parseQuery, toPage } from '../common/query.js';
import { LISTING_EXAMPLES, parseListing } from './listing.dto.js';

const listQuery = {
  ...pageQuery,
  kind: z.enum(LISTING_KINDS, { message: '须为 scenario / fund / carrier' }).optional(),
  park: z.string().max(50).optional(),
  board: z.string().max(50).optional(),
  status: z.enum(LISTING_STATUSES, { message: '须为 open / closed' }).optional(),
  q: z.string().trim().max(100).optional(),
};

@ApiTags('招商资源 listings（应用场景、基金、载体）')
@ApiBearerAuth()
@Controller('api')
export class ListingController {
  constructor(private readonly listings: ListingService, private readonly matching: ListingMatchService) {}

  @Roles('park_operator', 'manager', 'admin')
  @Post('listings')
  @ApiOperation({ summary: '发布一项应用场景、基金或载体（园区运营以本园区发布；市科技局须给 park），全市可见' })
  @ApiBody({ schema: { example: LISTING_EXAMPLES.scenario } })
  create(@Body() body: unknown, @CurrentUser() user: Principal) {
    return this.listings.create(parseListing(body), user);
  }

  @Get('listings')
  @ApiOperation({ summary: '全市的应用场景、基金与载体：按种类、园区、板块、状态、关键词筛选，分页' })
  @ApiQueryFrom(listQuery)
  list(@Query() query: unknown) {
    const q = parseQuery(listQuery, query);
    return this.listings.list({ kind: q.kind, parkId: q.park, boardId: q.board, status: q.status, q: q.q || undefined }, toPage(q));
  }

  @Get('listings/:id')
  @ApiOperation({ summary: '一项资源的当前内容与全部历史版本' })
  detail(@Param('id') id: string) {
    return this.listings.detail(id);
  }

  @Roles('park_operator', 'manager', 'admin')
  @Post('listings/:id/revisions')
  @HttpCode(200)
  @ApiOperation({ summary: '修订一项资源：提交修订后的完整内容，保存为新版本（旧版本保留可查）；内容未变不新增版本' })
  @ApiBody({ schema: { example: { ...LISTING_EXAMPLES.carrier, availability: 'partial', note: '已出让 40 亩' } } })
  revise(@Param('id') id: string, @Body() body: unknown, @CurrentUser() user: Principal) {
    return this.listings.revise(id, parseListing(body), user);
  }

  @Get('listings/:id/leads')
  @ApiOperation({ summary: '与一项资源契合的在办线索（同一匹配引擎），附理由；其他板块的线索只见脱敏内容' })
  leads(@Param('id') id: string, @CurrentUser() user: Principal) {
    return this.matching.leadsFor(id, user);
  }

  @Roles('manager', 'admin')
  @Get('stats/proactive')
  @ApiOperation({ summary: '主动招商统计（各园区）：应用场景发布/开放/关闭及契合线索、基金及契合线索、载体按可用情况、招商对象转线索/忽略（口径见 definitions）' })
  stats() {
    return this.matching.stats();
  }

  @Get('leads/:id/listings')
  @ApiOperation({ summary: '与一条线索契合的应用场景、基金和载体（文字用同一匹配引擎，用地、面积、用电按数值比较），附理由' })
  forLead(@Param('id') id: string, @CurrentUser() user: Principal) {
    return this.matching.forLead(id, user);
  }
}
