// How fast the machine ran during a benchmark's window: reference-workload.ts
// in a process of its own (the apps' Node flags), a slice every half second,
// its CPU per slice averaged over the window. See reference-workload.ts for
// why a figure taken beside the load, not before it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { appProcessSettings } from '../../e2e/support/app-process.ts';
import { REFERENCE_SLICE_MS, SLICE_INTERVAL_MS } from './reference-workload.ts';

const WORKLOAD = path.join(import.meta.dirname, 'reference-workload.ts');

export interface MachineSpeed {
  slices: number;
  /** Mean CPU ms of a slice over the window. */
  sliceMs: number;
  /** sliceMs / REFERENCE_SLICE_MS: above 1, the machine was slower than the reference. */
  slowdown: number;
}

export function machineSpeed(slicesMs: readonly number[]): MachineSpeed | undefined {
  if (slicesMs.length === 0) return undefined;
  const sliceMs = slicesMs.reduce((sum, ms) => sum + ms, 0) / slicesMs.length;
  return { slices: slicesMs.length, sliceMs, slowdown: sliceMs / REFERENCE_SLICE_MS };
}

/** CPU ms as they would have been at the reference speed. */
export const atReferenceSpeed = (cpuMs: number, speed: MachineSpeed) => cpuMs / speed.slowdown;

export interface SpeedSampler {
  /** Slices done so far. */
  taken(): number;
  /** Ends the workload; the speed over the slices it did. */
  stop(): Promise<MachineSpeed | undefined>;
}

/** Starts the workload beside what is measured. */
export function startSpeedSampler(): SpeedSampler {
  const slicesMs: number[] = [];
  const child = spawn(process.execPath, [...appProcessSettings().nodeFlags, WORKLOAD], { stdio: ['pipe', 'pipe', 'inherit'] });
  // Closed once the workload has exited and its last line has been read: whether stop() ended it or it died.
  const closed = new Promise((resolve) => child.once('close', resolve));
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    const ms = Number(line);
    if (Number.isFinite(ms)) slicesMs.push(ms);
  });
  return {
    taken: () => slicesMs.length,
    stop: async () => {
      child.kill();
      await closed;
      return machineSpeed(slicesMs);
    },
  };
}

/** One sentence for a report. */
export function describeMachineSpeed(speed: MachineSpeed | undefined): string {
  if (!speed) return 'Machine speed: not measured (the reference workload gave no slice).';
  return (
    `Machine speed during the window: a slice of the reference work (bench/machine/reference-workload.ts, one every ${SLICE_INTERVAL_MS} ms ` +
    `in a process of its own) took **${speed.sliceMs.toFixed(2)} ms** of CPU on average over ${speed.slices} slices, ` +
    `${speed.slowdown.toFixed(2)}× the reference ${REFERENCE_SLICE_MS} ms (a quiet hour of the 2-core benchmark machine). ` +
    'Every process slows by about that factor, so CPU per order "at the reference speed" is the figure divided by it, ' +
    'and compares from one report to another where the raw figures move with the machine.'
  );
}
