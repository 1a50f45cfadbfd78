import { Inject, Injectable } from '@nestjs/common';
import type { StoredElement } from '@lib/entity-store';
import { AppError } from '@lib/kernel';
import { HAS_CAPABILITY, ROLE_TYPE, capabilityId, capabilityOf } from '@lib/rbac';
import { AccessDirectory } from './access-directory.service';
import type { DirectoryQuery } from './access-directory.service';
import { flag, readPatch, text } from './field-values.util';

const EDITABLE = { name: text, description: text, can_manage_sensitive_config: flag };

export type RoleInput = {
  name: string;
  description?: string | null;
  capabilities?: readonly string[] | null;
};

/** Roles: named sets of capabilities, given to groups (data-model.md §4.6). */
@Injectable()
export class RolesService {
  constructor(@Inject(AccessDirectory) private readonly directory: AccessDirectory) {}

  list(query?: DirectoryQuery) {
    return this.directory.list(ROLE_TYPE, { orderBy: 'name', ...query });
  }

  find(id: string) {
    return this.directory.find(ROLE_TYPE, id);
  }

  require(id: string) {
    return this.directory.require(ROLE_TYPE, id);
  }

  async add(input: RoleInput): Promise<StoredElement> {
    const name = input.name.trim();
    if (!name) throw required('name');
    await this.directory.requireUniqueName(ROLE_TYPE, name);
    return this.directory.create(
      ROLE_TYPE,
      { name, description: input.description ?? '', can_manage_sensitive_config: false },
      { [HAS_CAPABILITY]: (input.capabilities ?? []).map(capabilityIdOf) },
    );
  }

  edit(id: string, input: readonly { key: string; value: readonly unknown[] }[]) {
    const changes = readPatch('role', EDITABLE, input);
    return this.directory.update(ROLE_TYPE, id, (el) => ({
      ...el,
      attributes: { ...el.attributes, ...changes },
    }));
  }

  delete(id: string) {
    return this.directory.remove(ROLE_TYPE, id);
  }

  /** Grants or withdraws a capability given by id or name. */
  capability(id: string, capability: string, add: boolean) {
    return this.directory.link(ROLE_TYPE, id, HAS_CAPABILITY, capabilityIdOf(capability), add);
  }
}

function capabilityIdOf(idOrName: string): string {
  const capability = capabilityOf(idOrName);
  if (!capability) {
    throw new AppError({
      code: 'ACCESS_UNKNOWN_CAPABILITY',
      category: 'validation',
      message: `Unknown capability ${idOrName}`,
      details: { capability: idOrName },
    });
  }
  return capabilityId(capability);
}

export function required(field: string): AppError {
  return new AppError({
    code: 'ACCESS_FIELD_REQUIRED',
    category: 'validation',
    message: `Field ${field} is required`,
    details: { field },
  });
}
