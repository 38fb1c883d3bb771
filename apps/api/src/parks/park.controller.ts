import { Controller, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PARK_QUERIES } from '#contract';
import { ParkCatalogService } from '#pipeline';
import { Endpoint, ParsedQuery, type QueryOf } from '../common/endpoint.js';

const listQuery = PARK_QUERIES.list;

@ApiTags('园区目录 parks')
@Controller('api')
export class ParkController {
  constructor(private readonly catalog: ParkCatalogService) {}

  @Endpoint({ get: 'boards', public: true, summary: '板块列表（县市区与市直园区）' })
  async boards() {
    return { items: await this.catalog.boards() };
  }

  @Endpoint({ get: 'parks', public: true, query: listQuery, summary: '20 个科技创新型特色园区及其主攻方向（当前版本）' })
  async list(@ParsedQuery() q: QueryOf<typeof listQuery>) {
    return { items: await this.catalog.parks(q.board || undefined) };
  }

  @Endpoint({ get: 'parks/:id', public: true, summary: '一个园区的当前画像与全部历史版本' })
  async one(@Param('id') id: string) {
    return this.catalog.park(id);
  }
}
