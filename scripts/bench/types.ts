/** One measured number. A target makes the runner fail (exit 1) when the value falls outside it. */
export type BenchResult = {
  name: string;
  value: number;
  unit: string;
  target?: { max?: number; min?: number };
  notes?: string;
};

/** What every scripts/bench/*.bench.ts exports. */
export type BenchModule = { run: () => Promise<BenchResult[]> };
