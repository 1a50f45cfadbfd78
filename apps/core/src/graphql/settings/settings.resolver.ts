import { Inject } from '@nestjs/common';
import {
  Args,
  Context,
  ID,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { AuditService } from '@lib/audit';
import { SettingsService } from '@lib/auth';
import type { PlatformMessage } from '@lib/auth';
import type { StoredElement } from '@lib/entity-store';
import { hasCapability } from '@lib/rbac';
import { Authenticated, RequireCapabilities } from '../../auth/capabilities.decorator';
import { accessOf } from '../knowledge/define-operation.util';
import type { KnowledgeGraphqlContext } from '../knowledge/read/knowledge-context.types';
import { KnowledgeNode } from '../knowledge/read/knowledge-node.model';
import { knowledgeType } from '../knowledge/schema/knowledge-types.model';
import { EditInput } from '../knowledge/write/mutation-inputs.model';
import { recordAdminChange } from '../access/access-audit.util';
import { SettingsEditMutations, SettingsMessageInput, SettingsModel } from './settings.model';
import { SettingsMessageModel } from './settings-parts.model';
import { settingsView } from './settings-view.util';

const ADMIN = 'SETTINGS_SETPARAMETERS';

const messageView = (m: PlatformMessage): SettingsMessageModel => ({
  id: m.id,
  message: m.message,
  activated: m.activated,
  dismissible: m.dismissible,
  updated_at: m.updated_at,
  color: m.color,
  recipientIds: m.recipients,
});

/** The platform settings (pycti's `Settings` entity): every signed-in user reads them. */
@Resolver(() => SettingsModel)
export class SettingsResolver {
  constructor(@Inject(SettingsService) private readonly service: SettingsService) {}

  @Authenticated()
  @Query(() => SettingsModel)
  async settings(): Promise<SettingsModel> {
    return view(this.service, await this.service.read());
  }

  @RequireCapabilities(ADMIN)
  @Mutation(() => SettingsEditMutations, { nullable: true })
  settingsEdit(@Args('id', { type: () => ID }) id: string): SettingsEditMutations {
    return new SettingsEditMutations(id);
  }

  @ResolveField(() => knowledgeType('Organization'), { nullable: true })
  async platform_organization(@Parent() settings: SettingsModel): Promise<KnowledgeNode | null> {
    const found = await this.service.platformOrganization(settings.element);
    return found ? new KnowledgeNode(found) : null;
  }

  @ResolveField(() => [SettingsMessageModel], {
    nullable: true,
    description: 'The messages shown to the reader (for everyone or for one of his groups).',
  })
  async platform_messages(
    @Parent() settings: SettingsModel,
    @Context() ctx: KnowledgeGraphqlContext,
  ) {
    return (await this.service.messagesFor(settings.element, accessOf(ctx).userId)).map(
      messageView,
    );
  }

  @ResolveField(() => [SettingsMessageModel], {
    nullable: true,
    description: 'Every message; only settings administrators read them.',
  })
  messages_administration(
    @Parent() settings: SettingsModel,
    @Context() ctx: KnowledgeGraphqlContext,
  ) {
    if (!hasCapability(accessOf(ctx), ADMIN)) return null;
    return this.service.messages(settings.element).map(messageView);
  }
}

/** `settingsEdit(id)`: field patches and platform messages. */
@Resolver(() => SettingsEditMutations)
export class SettingsEditResolver {
  constructor(
    @Inject(SettingsService) private readonly service: SettingsService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  private changed(ctx: KnowledgeGraphqlContext, element: StoredElement, input: unknown) {
    const settings = view(this.service, element);
    recordAdminChange(
      this.audit,
      ctx,
      'update',
      { id: settings.id, entity_type: 'Settings', name: 'Platform settings' },
      input,
    );
    return settings;
  }

  @ResolveField(() => SettingsModel, { nullable: true })
  async fieldPatch(
    @Parent() edit: SettingsEditMutations,
    // pycti declares `[EditInput]!`: the items are nullable.
    @Args('input', { type: () => [EditInput], nullable: 'items' }) input: (EditInput | null)[],
    @Context() ctx: KnowledgeGraphqlContext,
  ) {
    const patch = input.filter((i): i is EditInput => i !== null);
    return this.changed(ctx, await this.service.edit(edit.id, patch), patch);
  }

  @ResolveField(() => SettingsModel, { nullable: true })
  async editMessage(
    @Parent() edit: SettingsEditMutations,
    @Args('input', { type: () => SettingsMessageInput }) input: SettingsMessageInput,
    @Context() ctx: KnowledgeGraphqlContext,
  ) {
    return this.changed(ctx, await this.service.editMessage(edit.id, input), input);
  }

  @ResolveField(() => SettingsModel, { nullable: true })
  async deleteMessage(
    @Parent() edit: SettingsEditMutations,
    @Args('input', { type: () => String }) input: string,
    @Context() ctx: KnowledgeGraphqlContext,
  ) {
    const settings = await this.service.deleteMessage(edit.id, input);
    return this.changed(ctx, settings, { message_deleted: input });
  }
}

function view(service: SettingsService, element: StoredElement): SettingsModel {
  return settingsView(element, service.platformUrl(element));
}
