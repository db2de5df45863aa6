import { Outage, Unhealthy } from './outage.js';

describe('Outage', () => {
  let clock = 0;
  const outage = () => new Outage(() => clock);
  beforeEach(() => (clock = 1_000_000));

  it('is up until a failure, and says nothing while up', () => {
    const part = outage();
    expect(part.active).toBe(false);
    expect(() => part.assertUp('relay')).not.toThrow();
    expect(part.downForMs).toBe(0);
  });

  it('keeps the time of the first failure and the latest error', () => {
    const part = outage();
    part.begin(new Error('connection refused'));
    clock += 4_000;
    part.begin(new Error('the database system is starting up'));
    clock += 1_500;
    let thrown: unknown;
    try {
      part.assertUp('the relay cannot publish');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Unhealthy);
    expect((thrown as Unhealthy).message).toBe('the relay cannot publish: the database system is starting up');
    expect((thrown as Unhealthy).details).toEqual({ downSince: new Date(1_000_000).toISOString(), downForMs: 5_500 });
  });

  it('says once that it recovered', () => {
    const part = outage();
    part.begin('lost');
    expect(part.end()).toBe(true);
    expect(part.end()).toBe(false);
    expect(part.active).toBe(false);
  });
});
