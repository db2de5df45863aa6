/**
 * One arm of `./shop bench arms`: a name, and what its apps start with besides
 * what ./shop up gives them: Node flags (`--max-semi-space-size=4`) and
 * environment variables (`MALLOC_ARENA_MAX=1`).
 */
export interface Arm {
  name: string;
  nodeFlags: string[];
  env: Record<string, string>;
}

/**
 * Reads BENCH_ARMS: arms separated by `;`, each `name: word word …`, a word
 * being a Node flag (`--…`) or an environment assignment (`NAME=value`); an
 * arm with no word runs the apps as ./shop up does. At least two arms, names
 * unique.
 */
export function parseArms(text: string): Arm[] {
  const arms = text
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part): Arm => {
      const colon = part.indexOf(':');
      if (colon < 1) throw new Error(`arm "${part}": expected "name: flags and NAME=value words"`);
      const name = part.slice(0, colon).trim();
      if (!/^[\w.-]+$/.test(name)) throw new Error(`arm "${name}": a name is letters, digits, '.', '_' or '-'`);
      const arm: Arm = { name, nodeFlags: [], env: {} };
      for (const word of part.slice(colon + 1).trim().split(/\s+/).filter(Boolean)) {
        const assignment = /^([A-Za-z_]\w*)=(.*)$/.exec(word);
        if (word.startsWith('--')) arm.nodeFlags.push(word);
        else if (assignment) arm.env[assignment[1]!] = assignment[2]!;
        else throw new Error(`arm "${name}": "${word}" is neither a Node flag (--…) nor NAME=value`);
      }
      return arm;
    });
  if (arms.length < 2) throw new Error('BENCH_ARMS: give at least two arms to compare, e.g. "base:; pool1: --v8-pool-size=1"');
  const names = arms.map((arm) => arm.name);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice) throw new Error(`BENCH_ARMS: the arm "${twice}" is named twice`);
  return arms;
}

/** The order the arms run in each round: forwards in odd rounds, backwards in even ones, so no arm always follows another. */
export function roundOrder<T>(arms: readonly T[], round: number): T[] {
  return round % 2 === 0 ? [...arms] : [...arms].reverse();
}
