import { OTHER_BACKENDS } from './components.ts';
import { cpuByComponent, cpuDelta, msPerOrder, ticksToMs } from './cpu-account.ts';

const at = (pid: number, self: number, reaped = 0) => ({ pid, ticks: { self, kernel: 0, reaped } });

describe('cpuDelta', () => {
  it('counts what each process ran between the readings', () => {
    expect(cpuDelta([at(1, 100), at(2, 50)], [at(1, 130), at(2, 55)])).toEqual({ ticks: 35, kept: 2, exited: 0, appeared: 0 });
  });

  it('counts all of a process that appeared in between', () => {
    expect(cpuDelta([at(1, 100)], [at(1, 100), at(7, 12)])).toMatchObject({ ticks: 12, appeared: 1 });
  });

  it('counts a child that exited through its parent\'s reaped ticks, less what it had run at the start', () => {
    // Child 8 had run 40 ticks at the start and 55 when it exited: the postmaster reaped 55, of which 15 are in the window.
    const start = [at(1, 100, 1_000), at(8, 40)];
    const end = [at(1, 110, 1_055)];
    expect(cpuDelta(start, end)).toEqual({ ticks: 10 + 15, kept: 1, exited: 1, appeared: 0 });
  });

  it('counts a child that came and went between the readings through the reaped ticks alone', () => {
    expect(cpuDelta([at(1, 100, 0)], [at(1, 100, 9)]).ticks).toBe(9);
  });
});

describe('per order', () => {
  it('turns ticks into ms at the kernel\'s rate', () => {
    expect(ticksToMs(250, 100)).toBe(2_500);
  });

  it('divides by the decided orders, and gives no figure for none', () => {
    expect(msPerOrder(4_500, 100)).toBe(45);
    expect(msPerOrder(4_500, 0)).toBeUndefined();
  });
});

describe('cpuByComponent', () => {
  const reading = (component: string, pid: number, self: number, reaped = 0) => ({ component, ...at(pid, self, reaped) });

  it('accounts each component apart', () => {
    const start = [reading('order', 10, 100), reading('kafka', 20, 1_000)];
    const end = [reading('order', 10, 160), reading('kafka', 20, 1_030)];
    expect(cpuByComponent(start, end)).toEqual([
      { component: 'order', ticks: 60, kept: 1, exited: 0, appeared: 0 },
      { component: 'kafka', ticks: 30, kept: 1, exited: 0, appeared: 0 },
    ]);
  });

  it('takes the backends of other clients out of PostgreSQL, reaped children staying with the shop\'s', () => {
    const start = [reading('postgres', 1, 100, 500), reading('postgres', 2, 50), reading(OTHER_BACKENDS, 3, 10), reading('postgres', 4, 5)];
    // Backend 4 exited having run 8 (3 in the window); the other client's backend 3 ran 20 more; a new other one, 5, ran 4.
    const end = [reading('postgres', 1, 110, 508), reading('postgres', 2, 70), reading(OTHER_BACKENDS, 3, 30), reading(OTHER_BACKENDS, 5, 4)];
    const byComponent = cpuByComponent(start, end);
    expect(byComponent.find((c) => c.component === OTHER_BACKENDS)).toMatchObject({ ticks: 24, kept: 1, appeared: 1 });
    expect(byComponent.find((c) => c.component === 'postgres')).toMatchObject({ ticks: 10 + 20 + 3, kept: 2, exited: 1, appeared: 0 });
  });
});
