import { Inject } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { SettingsService } from '@lib/auth';
import { GroupModel } from '../access/access.model';
import { groupView } from '../access/access-views.util';
import { SettingsMessageModel } from './settings-parts.model';

/** A platform message's recipients: the groups that see it. */
@Resolver(() => SettingsMessageModel)
export class SettingsMessageResolver {
  constructor(@Inject(SettingsService) private readonly service: SettingsService) {}

  @ResolveField(() => [GroupModel], { nullable: true })
  async recipients(@Parent() message: SettingsMessageModel) {
    return (await this.service.groups(message.recipientIds)).map(groupView);
  }
}
