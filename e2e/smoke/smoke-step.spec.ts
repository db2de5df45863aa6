import { SmokeStepFailed, step, stepLine } from './smoke-step.js';

describe('a smoke step', () => {
  it('writes one line with its name, its time and what it found, and gives the value on', async () => {
    const lines: string[] = [];
    const value = await step('sign-in', async () => ({ value: 42, detail: 'as ada' }), (line) => lines.push(line));
    expect(value).toBe(42);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[smoke\] ok {5}sign-in {8}\s*\d+\.\d\d s {2}as ada$/);
  });

  it('writes a failed line with the cause of the error, then throws naming the step', async () => {
    const lines: string[] = [];
    const failing = step('trace', async () => {
      throw new Error('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:16686') });
    }, (line) => lines.push(line));
    await expect(failing).rejects.toThrow(SmokeStepFailed);
    await failing.catch((error: SmokeStepFailed) => expect(error.step).toBe('trace'));
    expect(lines).toEqual([expect.stringMatching(/^\[smoke\] FAILED trace .* s {2}fetch failed \(connect ECONNREFUSED 127\.0\.0\.1:16686\)$/)]);
  });

  it('pads the name so that the times line up', () => {
    expect(stepLine(true, 'a', 1234, 'x').indexOf(' s  ')).toBe(stepLine(false, 'order shipped', 5, 'y').indexOf(' s  '));
  });
});
