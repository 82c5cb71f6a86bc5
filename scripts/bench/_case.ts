// The contract of a benchmark case: scripts/bench/<name>.ts exporting `bench: BenchCase`
// (or `benches: BenchCase[]` for a series, e.g. one case per size).
// Files starting with `_` are helpers, not cases.

export interface BenchRun {
  /** items processed in one run (objects, charts, files …), for the throughput column */
  items: number;
  /** figures that are not times (requests summed, objects counted), reported as they are */
  figures?: Record<string, number>;
}

export interface BenchCase<Ctx = unknown> {
  name: string;
  /** what is measured, one line */
  description: string;
  /** unit of `items` (e.g. "objects") */
  unit: string;
  /** prepared once, not timed (e.g. build a corpus) */
  setup?(): Promise<Ctx> | Ctx;
  /** the timed work */
  run(ctx: Ctx): Promise<BenchRun> | BenchRun;
  /** timed runs after one untimed warm-up run (default 5) */
  iterations?: number;
  /** pass/fail target in ms for the median run, when the issue sets one */
  targetMs?: number;
  /** upper bounds for `figures` (e.g. requested CPU cores), when the issue sets them */
  figureTargets?: Record<string, number>;
}
