import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CONNECTORS_CONFIG } from '@lib/config';
import { registerGauge } from '@lib/kernel';
import type { ConnectorsConfig } from '@lib/config';
import type { ConnectorHealthFlag } from '../connector.types';
import { ConnectorRegistryService } from './connector-registry.service';

const FLAGS: readonly ConnectorHealthFlag[] = ['NOT_PINGING', 'WORKS_FAILING', 'ERROR_RATE'];

/**
 * Watches the connectors (no silent failure): every `discoverySeconds` it computes each
 * connector's health flags, logs a warning when a flag appears and a note when it clears, and
 * exposes them as Prometheus gauges (`/metrics`).
 */
@Injectable()
export class ConnectorHealthMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ConnectorHealthMonitor.name);
  private readonly known = new Map<string, Set<ConnectorHealthFlag>>();
  private readonly flagGauge = registerGauge({
    name: 'threatloom_connector_health_flag',
    help: 'A connector health flag: 1 while it is raised',
    labelNames: ['connector_id', 'flag'],
  });
  private readonly activeGauge = registerGauge({
    name: 'threatloom_connector_active',
    help: 'Whether a connector pinged recently (1) or not (0)',
    labelNames: ['connector_id'],
  });
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(ConnectorRegistryService) private readonly registry: ConnectorRegistryService,
    @Inject(CONNECTORS_CONFIG) private readonly config: ConnectorsConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.check().catch((error: unknown) =>
        this.logger.warn(`Connector health check failed: ${String(error)}`),
      );
    }, this.config.discoverySeconds * 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One round: the flags of every connector, compared with the last round. */
  async check(): Promise<Map<string, ConnectorHealthFlag[]>> {
    const result = new Map<string, ConnectorHealthFlag[]>();
    for (const connector of await this.registry.list()) {
      const flags = await this.registry.health(connector);
      result.set(connector.id, flags);
      const before = this.known.get(connector.id) ?? new Set();
      for (const flag of flags.filter((f) => !before.has(f))) {
        this.logger.warn(`Connector ${connector.id} (${connector.name}) is flagged ${flag}`);
      }
      for (const flag of [...before].filter((f) => !flags.includes(f))) {
        this.logger.log(`Connector ${connector.id} (${connector.name}) is no longer ${flag}`);
      }
      this.known.set(connector.id, new Set(flags));
      this.activeGauge.set({ connector_id: connector.id }, connector.active ? 1 : 0);
      for (const flag of FLAGS) {
        this.flagGauge.set({ connector_id: connector.id, flag }, flags.includes(flag) ? 1 : 0);
      }
    }
    return result;
  }
}
