import fs from 'node:fs';
import path from 'node:path';

/**
 * Where a benchmark writes its report: `<dir>/<kind>-<date>.md`, or, when a
 * report of that kind and day is there already (an earlier run, kept to
 * compare with), `<kind>-<date>T<hhmm>.md` of the time given (UTC), then
 * `T<hhmmss>`: a run never overwrites another run's report.
 */
export function reportFile(kind: string, startedAt: Date, dir: string): string {
  const iso = startedAt.toISOString();
  const [day, time] = [iso.slice(0, 10), iso.slice(11, 19).replaceAll(':', '')];
  const names = [`${kind}-${day}`, `${kind}-${day}T${time.slice(0, 4)}`, `${kind}-${day}T${time}`];
  const free = names.find((name) => !fs.existsSync(path.join(dir, `${name}.md`))) ?? names.at(-1)!;
  return path.join(dir, `${free}.md`);
}
