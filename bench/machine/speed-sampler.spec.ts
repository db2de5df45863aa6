import { atReferenceSpeed, describeMachineSpeed, machineSpeed, startSpeedSampler } from './speed-sampler.js';
import { REFERENCE_SLICE_MS, referenceWork } from './reference-workload.js';

describe('referenceWork', () => {
  it('does the same work for the same iterations', () => {
    expect(referenceWork(50)).toBe(referenceWork(50));
    expect(referenceWork(51)).not.toBe(referenceWork(50));
  });
});

describe('machineSpeed', () => {
  it('averages the slices and compares them with the reference', () => {
    const speed = machineSpeed([REFERENCE_SLICE_MS, REFERENCE_SLICE_MS * 1.5])!;
    expect(speed).toEqual({ slices: 2, sliceMs: REFERENCE_SLICE_MS * 1.25, slowdown: 1.25 });
    expect(atReferenceSpeed(125, speed)).toBe(100);
    expect(machineSpeed([])).toBeUndefined();
  });

  it('is described with its figures, or as not measured', () => {
    expect(describeMachineSpeed({ slices: 40, sliceMs: 18.7, slowdown: 1.1 })).toContain('took **18.70 ms** of CPU on average over 40 slices, 1.10× the reference');
    expect(describeMachineSpeed(undefined)).toContain('not measured');
  });
});

describe('startSpeedSampler', () => {
  it('runs the slices in a process of its own until stopped', async () => {
    const sampler = startSpeedSampler();
    const deadline = Date.now() + 20_000;
    while (sampler.taken() < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const speed = await sampler.stop();
    expect(speed?.slices).toBeGreaterThanOrEqual(2);
    expect(speed!.sliceMs).toBeGreaterThan(0);
    // Stopped again (or after the workload died on its own), it answers at once.
    await expect(sampler.stop()).resolves.toEqual(speed);
  });
});
