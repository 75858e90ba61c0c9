/**
 * Seed → program: a generated program (some with files replaced by mutants of themselves), or,
 * with a corpus, a mutant of a real file. Also the bounded run the test suite uses.
 */
import type { CorpusFile } from './corpus.js';
import { corpusProgram } from './corpus.js';
import { generateProgram } from './generate.js';
import type { Program } from './generate.js';
import { mutate } from './mutate.js';
import { Random } from './random.js';
import { emptyTotals, Runner } from './run.js';
import type { Plugin, Totals } from './run.js';

export interface ProgramOptions {
  /** Every Nth seed is linted with type information (0: never). */
  readonly typedEvery: number;
  /** Share of generated programs with a file replaced by a mutant of itself. */
  readonly mutationRate: number;
  readonly corpus?: readonly CorpusFile[];
}

export function programFor(seed: number, options: ProgramOptions): Program {
  if (options.corpus && options.corpus.length > 0) return corpusProgram(seed, options.corpus, options.typedEvery);
  const program = generateProgram(seed, options.typedEvery);
  const rng = new Random(seed, 3);
  if (!rng.chance(options.mutationRate)) return program;
  const mutated: string[] = [];
  const files = program.files.map((file) => {
    if (!rng.chance(0.5) && mutated.length > 0) return file;
    const mutant = mutate(rng, file.text, /x$/.test(file.path), rng.int(1, 4));
    if (!mutant) return file;
    mutated.push(`${file.path} (${mutant.applied.join(', ')})`);
    return { ...file, text: mutant.text };
  });
  return { ...program, files, mutated };
}

export interface RunOptions extends ProgramOptions {
  readonly start: number;
  readonly seeds: number;
  readonly strict: boolean;
  readonly saveCrashes: string;
  /** Stop starting programs after this many seconds. */
  readonly timeLimit?: number;
  readonly onProgress?: (done: number, totals: Totals) => void;
}

export interface RunResult {
  readonly totals: Totals;
  readonly ruleIds: readonly string[];
  /** Seeds actually run: start … last. */
  readonly first: number;
  readonly last: number;
  readonly seconds: number;
}

/** Runs seeds start … start + seeds - 1 through the plugin. */
export function runSeeds(plugin: Plugin, options: RunOptions): RunResult {
  const runner = new Runner(plugin, { strict: options.strict, saveCrashes: options.saveCrashes });
  const totals = emptyTotals(runner.ruleIds);
  const began = performance.now();
  let last = options.start - 1;
  try {
    for (let seed = options.start; seed < options.start + options.seeds; seed += 1) {
      if (options.timeLimit !== undefined && (performance.now() - began) / 1000 > options.timeLimit) break;
      runner.run(programFor(seed, options), totals);
      last = seed;
      options.onProgress?.(seed - options.start + 1, totals);
    }
  } finally {
    runner.dispose();
  }
  return { totals, ruleIds: runner.ruleIds, first: options.start, last, seconds: (performance.now() - began) / 1000 };
}
