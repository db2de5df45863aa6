import { cpuDelta, msPerOrder, ticksToMs } from './cpu-account.ts';

const at = (pid: number, self: number, reaped = 0) => ({ pid, ticks: { self, reaped } });

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
