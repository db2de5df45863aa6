// Totals by name (a package, a function) that a profile's summary ranks.

export class Tally {
  private readonly totals = new Map<string, number>();

  add(name: string, amount: number): void {
    this.totals.set(name, (this.totals.get(name) ?? 0) + amount);
  }

  /** The `top` largest, largest first. */
  ranked(top: number): [name: string, amount: number][] {
    return [...this.totals].sort((a, b) => b[1] - a[1]).slice(0, top);
  }
}
