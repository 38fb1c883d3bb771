import { Injectable } from '@nestjs/common';
import { SYSTEM_ACTORS } from '#domain';
import { UnitOfWork } from '#persistence';

/**
 * The names people read for the actors stored in histories and records (user names such as promoter-haian,
 * the platform's own `system`): a user's name, the platform actor's Chinese name, or the stored text as it is
 * (a submitter typed by hand, a name already).
 */
@Injectable()
export class PeopleService {
  constructor(private readonly uow: UnitOfWork) {}

  async names(ids: readonly string[]): Promise<{ items: { id: string; name: string }[] }> {
    const unique = [...new Set(ids.map((i) => i.trim()).filter(Boolean))];
    const users = await this.uow.read((r) => r.users.namesOfUsernames(unique.filter((i) => !SYSTEM_ACTORS[i])));
    return { items: unique.map((id) => ({ id, name: SYSTEM_ACTORS[id] ?? users.get(id) ?? id })) };
  }
}
