import { Gauge, register } from 'prom-client';
import type { GaugeConfiguration } from 'prom-client';

/**
 * A gauge in the process's Prometheus registry (`/metrics`), replacing one of the same name: the
 * newest platform of the process reports it (tests start several in one process).
 */
export function registerGauge<T extends string>(config: GaugeConfiguration<T>): Gauge<T> {
  register.removeSingleMetric(config.name);
  return new Gauge<T>(config);
}
