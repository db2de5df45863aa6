// One reading of the CPU ticks of every process of the shop: the run's apps,
// the infrastructure (bench/shop-processes.ts), PostgreSQL's postmaster and
// all its children, each backend put down as the apps' or another client's by
// its client port, and this benchmark's own process.
import type { App } from '../native-shop.ts';
import { allPostgresProcesses, infrastructure } from '../shop-processes.ts';
import { BENCH, OTHER_BACKENDS } from './components.ts';
import type { ComponentReading } from './cpu-account.ts';
import { cpuTicksOf } from './proc-stat.ts';
import { localPortsOf } from './socket-owners.ts';

export interface ShopCpuReading {
  readings: ComponentReading[];
  /** Backends serving the apps, and any other client's, when read. */
  backends: { apps: number; others: number };
}

export function readShopCpu(apps: readonly App[]): ShopCpuReading {
  const appPorts = localPortsOf(apps.map((app) => app.child.pid!));
  const postgres = allPostgresProcesses().map((p) => ({
    pid: p.pid,
    component: p.backend && (p.backend.clientPort === undefined || !appPorts.has(p.backend.clientPort)) ? OTHER_BACKENDS : 'postgres',
    backend: p.backend !== undefined,
  }));
  const listed = [
    ...apps.map((app) => ({ pid: app.child.pid!, component: app.service })),
    ...infrastructure(() => []).map(({ pid, component }) => ({ pid, component })),
    ...postgres,
    { pid: process.pid, component: BENCH },
  ];
  const readings = listed.flatMap(({ pid, component }) => {
    const ticks = cpuTicksOf(pid);
    return ticks ? [{ pid, component, ticks }] : [];
  });
  return {
    readings,
    backends: {
      apps: postgres.filter((p) => p.backend && p.component === 'postgres').length,
      others: postgres.filter((p) => p.component === OTHER_BACKENDS).length,
    },
  };
}
