import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { reportFile } from './report-file.ts';

describe('reportFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reports-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const at = new Date('2026-12-07T22:15:30.123Z');
  const touch = (name: string) => fs.writeFileSync(path.join(dir, name), '');

  it('names the report by its kind and day', () => {
    expect(reportFile('capacity', at, dir)).toBe(path.join(dir, 'capacity-2026-12-07.md'));
  });

  it('adds the time the run started when that day has a report of the kind already, never overwriting one', () => {
    touch('capacity-2026-12-07.md');
    touch('profile-2026-12-07T2215.md');
    expect(reportFile('capacity', at, dir)).toBe(path.join(dir, 'capacity-2026-12-07T2215.md'));
    touch('capacity-2026-12-07T2215.md');
    expect(reportFile('capacity', at, dir)).toBe(path.join(dir, 'capacity-2026-12-07T221530.md'));
  });
});
