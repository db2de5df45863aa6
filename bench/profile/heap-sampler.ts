// V8's sampling heap profiler in a running app, through the inspector the app
// was started with (`node --inspect=127.0.0.1:<port>`), over the DevTools
// protocol: one allocation in every `intervalBytes` or so is recorded with its
// stack, garbage included. node --heap-prof would be simpler, but it keeps
// only what is still alive when the process exits: the per-order churn, what
// makes the collector run, would be missing from it.
import type { SamplingHeapProfile } from './allocation-summary.ts';

export class HeapSampler {
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();

  private readonly socket: WebSocket;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.addEventListener('message', (event) => {
      const { id, result, error } = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
      const call = id === undefined ? undefined : this.waiting.get(id);
      if (!call) return; // an event, not an answer
      this.waiting.delete(id!);
      if (error) call.reject(new Error(`inspector: ${error.message}`));
      else call.resolve(result);
    });
    socket.addEventListener('close', () => {
      for (const call of this.waiting.values()) call.reject(new Error('inspector: the connection closed'));
      this.waiting.clear();
    });
  }

  /** Connects to the inspector listening on 127.0.0.1:`port`. */
  static async attach(port: number): Promise<HeapSampler> {
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
    if (!targets[0]) throw new Error(`inspector on port ${port}: no target`);
    const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('error', () => reject(new Error(`inspector on port ${port}: could not connect`)), { once: true });
    });
    return new HeapSampler(socket);
  }

  async start(intervalBytes: number): Promise<void> {
    await this.call('HeapProfiler.enable');
    await this.call('HeapProfiler.startSampling', {
      samplingInterval: intervalBytes,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  }

  async stop(): Promise<SamplingHeapProfile> {
    const { profile } = (await this.call('HeapProfiler.stopSampling')) as { profile: SamplingHeapProfile };
    return profile;
  }

  close(): void {
    this.socket.close();
  }

  private call(method: string, params: object = {}): Promise<unknown> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }
}
