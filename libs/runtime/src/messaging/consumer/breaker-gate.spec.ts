import CircuitBreaker from 'opossum';
import { BreakerGate, isOpenBreakerError } from './breaker-gate.js';

describe('BreakerGate (with real opossum breakers)', () => {
  const failing = () => Promise.reject(new Error('down'));
  const newBreaker = () => new CircuitBreaker(failing, { resetTimeout: 60_000, volumeThreshold: 1, errorThresholdPercentage: 1 });
  const breakers: CircuitBreaker[] = [];
  afterEach(() => breakers.splice(0).forEach((breaker) => breaker.shutdown()));

  it('is open while any breaker is, and hears every state change synchronously', async () => {
    const [smtp, slack] = [newBreaker(), newBreaker()];
    breakers.push(smtp, slack);
    const gate = new BreakerGate([smtp, slack]);
    const seen: boolean[] = [];
    const unwatch = gate.watch(() => seen.push(gate.isOpen()));

    await expect(slack.fire()).rejects.toThrow('down');
    expect(gate.isOpen()).toBe(true);
    slack.close();
    expect(gate.isOpen()).toBe(false);
    unwatch();
    slack.open();
    expect(seen).toEqual([true, false]);
  });

  it("explains a failure by an open breaker or by opossum's EOPENBREAKER refusal, also as a cause", async () => {
    const smtp = newBreaker();
    breakers.push(smtp);
    const gate = new BreakerGate([smtp]);
    expect(gate.explains(new Error('bad data'))).toBe(false);

    await expect(smtp.fire()).rejects.toThrow('down');
    const refusal = await smtp.fire().catch((error: unknown) => error);
    expect(isOpenBreakerError(refusal)).toBe(true);
    expect(isOpenBreakerError(new Error('wrapped', { cause: refusal }))).toBe(true);
    expect(gate.explains(new Error('anything while open'))).toBe(true);
  });
});
