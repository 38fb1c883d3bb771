import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '#persistence';
import { DomainError } from '#errors';

/** The boards and parks as the catalog holds them now, with every profile version of a park. */
@Injectable()
export class ParkCatalogService {
  constructor(private readonly uow: UnitOfWork) {}

  boards() {
    return this.uow.read((r) => r.parks.listBoards());
  }

  parks(boardId?: string) {
    return this.uow.read((r) => r.parks.listParks({ boardId }));
  }

  async park(id: string) {
    return this.uow.read(async (r) => {
      const park = await r.parks.findPark(id);
      if (!park) throw new DomainError('PARK_NOT_FOUND', `园区 ${id} 不存在；可用 GET /api/parks 查看全部园区`);
      return { ...park, versions: await r.parks.listVersions(id) };
    });
  }
}
