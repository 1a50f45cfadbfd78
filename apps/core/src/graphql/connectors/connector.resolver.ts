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
import { CONNECTORS_CONFIG } from '@lib/config';
import type { ConnectorsConfig } from '@lib/config';
import { ConnectorKeysService, ConnectorRegistryService } from '@lib/connectors';
import type { Connector, ConnectorInfo } from '@lib/connectors';
import { EntityStore } from '@lib/entity-store';
import { hasCapability } from '@lib/rbac';
import { WorkListService } from '@lib/works';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import { accessOf } from '../knowledge/define-operation.util';
import type { KnowledgeGraphqlContext } from '../knowledge/read/knowledge-context.types';
import {
  ConnectorConfig,
  ConnectorInfoInput,
  ConnectorModel,
  ConnectorQueueDetails,
  ConnectorUser,
  RegisterConnectorInput,
} from './connector.model';
import { WorkModel, WorkStatusValues } from './work.model';
import { workModelOf } from './work-view.util';

type ConnectorParent = ConnectorModel & { domain: Connector };

function modelOf(c: Connector): ConnectorParent {
  return {
    domain: c,
    id: c.id,
    name: c.name,
    active: c.active,
    auto: c.auto,
    auto_update: c.autoUpdate,
    only_contextual: c.onlyContextual,
    playbook_compatible: c.playbookCompatible,
    enrichment_resolution: c.enrichmentResolution,
    connector_type: c.type,
    connector_scope: c.scope,
    connector_state: c.state,
    connector_state_reset: c.stateReset,
    connector_info: c.info,
    connector_user_id: c.userId,
    connector_priority_group: 'DEFAULT',
    built_in: c.builtIn,
    version: c.version,
    slug: c.slug,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    last_seen_at: c.lastSeenAt,
  };
}

/** `pycti/7.261026.0` → 7. */
function pyctiMajor(userAgent: string | undefined): number | null {
  const match = /pycti\/(\d+)\./.exec(userAgent ?? '');
  return match?.[1] ? Number(match[1]) : null;
}

const NO_BROKER = { host: 'localhost', vhost: '/', use_ssl: false, port: 5672, user: '', pass: '' };

/** Connector registration, pings, listing and administration (connector-protocol.md §1). */
@Resolver(() => ConnectorModel)
export class ConnectorResolver {
  constructor(
    @Inject(ConnectorRegistryService) private readonly registry: ConnectorRegistryService,
    @Inject(ConnectorKeysService) private readonly keys: ConnectorKeysService,
    @Inject(WorkListService) private readonly workList: WorkListService,
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(CONNECTORS_CONFIG) private readonly settings: ConnectorsConfig,
  ) {}

  @RequireCapabilities('CONNECTORAPI')
  @Mutation(() => ConnectorModel, { nullable: true })
  async registerConnector(
    @Args('input', { type: () => RegisterConnectorInput, nullable: true })
    input: RegisterConnectorInput | null,
    @Context() ctx: KnowledgeGraphqlContext,
  ): Promise<ConnectorParent | null> {
    if (!input) return null;
    const connector = await this.registry.register(accessOf(ctx), {
      id: input.id,
      name: input.name,
      type: input.type,
      scope: (input.scope ?? []).filter((s) => s.trim() !== ''),
      auto: input.auto ?? false,
      autoUpdate: input.auto_update ?? false,
      onlyContextual: input.only_contextual ?? false,
      enrichmentResolution: input.enrichment_resolution ?? null,
      playbookCompatible: input.playbook_compatible ?? false,
      listenCallbackUri: input.listen_callback_uri ?? null,
      version: input.version ?? null,
      slug: input.slug ?? null,
      clientMajor: pyctiMajor(ctx.req.headers['user-agent']),
    });
    return modelOf(connector);
  }

  @RequireCapabilities('CONNECTORAPI')
  @Mutation(() => ConnectorModel, { nullable: true })
  async pingConnector(
    @Args('id', { type: () => ID }) id: string,
    @Args('state', { type: () => String, nullable: true }) state: string | null,
    @Args('connectorInfo', { type: () => ConnectorInfoInput, nullable: true })
    info: ConnectorInfoInput | null,
  ): Promise<ConnectorParent> {
    const connectorInfo: ConnectorInfo | null = info
      ? {
          run_and_terminate: info.run_and_terminate,
          buffering: info.buffering,
          queue_threshold: info.queue_threshold,
          queue_messages_size: info.queue_messages_size,
          next_run_datetime: info.next_run_datetime ?? null,
          last_run_datetime: info.last_run_datetime ?? null,
        }
      : null;
    return modelOf(await this.registry.ping(id, state ?? null, connectorInfo));
  }

  @RequireCapabilities('MODULES', 'CONNECTORAPI')
  @Query(() => ConnectorModel, { nullable: true })
  async connector(@Args('id', { type: () => String }) id: string): Promise<ConnectorParent | null> {
    const connector = await this.registry.find(id);
    return connector ? modelOf(connector) : null;
  }

  @RequireCapabilities('MODULES')
  @Query(() => [ConnectorModel])
  async connectors(): Promise<ConnectorParent[]> {
    return (await this.registry.list()).map(modelOf);
  }

  @RequireCapabilities('MODULES', 'CONNECTORAPI')
  @Query(() => [ConnectorModel])
  async connectorsForWorker(): Promise<ConnectorParent[]> {
    return (await this.registry.list()).map(modelOf);
  }

  @RequireCapabilities('MODULES_MODMANAGE')
  @Mutation(() => ID, { nullable: true })
  async deleteConnector(@Args('id', { type: () => ID }) id: string): Promise<string> {
    await this.registry.delete(id);
    return id;
  }

  @RequireCapabilities('MODULES_MODMANAGE')
  @Mutation(() => ConnectorModel, { nullable: true })
  async resetStateConnector(@Args('id', { type: () => ID }) id: string): Promise<ConnectorParent> {
    return modelOf(await this.registry.resetState(id));
  }

  @RequireCapabilities('MODULES_MODMANAGE')
  @Mutation(() => ConnectorModel, {
    nullable: true,
    description: 'Sets the state the connector receives at its next ping (JSON text, or null).',
  })
  async updateConnectorState(
    @Args('id', { type: () => ID }) id: string,
    @Args('state', { type: () => String, nullable: true }) state: string | null,
  ): Promise<ConnectorParent> {
    return modelOf(await this.registry.setState(id, state));
  }

  @RequireCapabilities('CONNECTORAPI')
  @Mutation(() => String, { description: 'A JWT for platform callbacks to connectors (pycti 7).' })
  async connectorJWT(): Promise<string> {
    return this.keys.connectorJwt();
  }

  @ResolveField(() => ConnectorConfig)
  config(@Parent() parent: ConnectorParent): ConnectorConfig {
    const q = parent.domain.queues;
    const broker = this.settings.broker;
    return {
      connection: broker
        ? {
            host: broker.host,
            vhost: broker.vhost,
            use_ssl: broker.useSsl,
            port: broker.port,
            user: broker.user,
            pass: broker.pass,
          }
        : NO_BROKER,
      s3: {
        endpoint: null,
        port: null,
        use_ssl: null,
        bucket_name: null,
        bucket_region: null,
        access_key: null,
        secret_key: null,
      },
      listen: q.listen,
      listen_routing: q.listenRouting,
      listen_exchange: q.listenExchange,
      listen_callback_uri: parent.domain.listenCallbackUri,
      push: q.push,
      push_routing: q.pushRouting,
      push_exchange: q.pushExchange,
      dead_letter_routing: q.deadLetterRouting,
    };
  }

  @ResolveField(() => [String], {
    description:
      'Why the connector needs attention: NOT_PINGING, WORKS_FAILING, ERROR_RATE (empty: healthy).',
  })
  async health_flags(@Parent() parent: ConnectorParent): Promise<string[]> {
    return this.registry.health(parent.domain);
  }

  @ResolveField(() => ConnectorQueueDetails)
  async connector_queue_details(@Parent() parent: ConnectorParent): Promise<ConnectorQueueDetails> {
    return { messages_number: await this.registry.pushQueueDepth(parent.domain), messages_size: 0 };
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'JWK set (JSON text) of the platform.',
  })
  async jwks(): Promise<string> {
    return this.keys.jwks();
  }

  @ResolveField(() => ConnectorUser, { nullable: true })
  async connector_user(
    @Parent() parent: ConnectorParent,
    @Context() ctx: KnowledgeGraphqlContext,
  ): Promise<ConnectorUser | null> {
    const userId = parent.domain.userId;
    if (!userId) return null;
    const access = accessOf(ctx);
    const user = await this.store.get(access, userId);
    if (!user) return null;
    const own = access.userId === userId || hasCapability(access, 'BYPASS');
    const token = typeof user.attributes.api_token === 'string' ? user.attributes.api_token : null;
    return {
      id: user.internalId,
      name: typeof user.attributes.name === 'string' ? user.attributes.name : null,
      api_token: own ? token : null,
      api_tokens: token ? [{ id: `${user.internalId}-api-token`, name: 'API token' }] : [],
    };
  }

  @ResolveField(() => [WorkModel])
  async works(
    @Parent() parent: ConnectorParent,
    @Args('status', { type: () => WorkStatusValues, nullable: true }) status: string | null,
  ): Promise<WorkModel[]> {
    const list = await this.workList.list({
      connectorId: parent.id,
      first: 50,
      ...(status ? { status: status as 'wait' } : {}),
    });
    return list.map((w) => workModelOf(w, null));
  }
}
