import { SERVICES, type ServiceName } from './environment.js';
import { ServiceProcess } from './service-process.js';

/**
 * The whole shop as real processes on their real databases and consumer
 * groups (as `./shop up` runs it), on ports of their own, or the part of it a
 * test needs (`only`), on as many ports. Tests keep apart by unique order ids,
 * customers and skus.
 */
export class ShopSystem {
  readonly services: Map<ServiceName, ServiceProcess>;

  constructor(
    portBase: number,
    env: Partial<Record<ServiceName, Record<string, string>>> = {},
    only: readonly ServiceName[] = SERVICES,
  ) {
    this.services = new Map(only.map((service, i) => [service, new ServiceProcess(service, portBase + i, env[service])]));
  }

  get gatewayUrl(): string {
    return this.services.get('gateway')!.url;
  }

  service(name: ServiceName): ServiceProcess {
    return this.services.get(name)!;
  }

  async start(): Promise<void> {
    await Promise.all([...this.services.values()].map((service) => service.start()));
  }

  async stop(): Promise<void> {
    await Promise.all([...this.services.values()].map((service) => service.stop()));
  }
}
