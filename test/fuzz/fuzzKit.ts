import { expect } from 'chai';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { convertFile } from '../../lib/convert/convertFile.js';
import { IsxError } from '../../lib/errors.js';
import { open } from '../../lib/kinds/open.js';
import { records } from '../../lib/kinds/stream.js';
import type { JsonObject, JsonValue } from '../../lib/json/jsonValue.js';
import type { SinkFormat } from '../../lib/sinks/formats.js';
import { runCli } from '../cli/runCli.js';
export { seededRandom } from '../../scripts/seededRandom.js';

/**
 * The project's own fuzzer: hostile variants of small valid files go through the library (open, every
 * record, a conversion) and the CLI (info, cat), which must end in data or an IsxError, within a
 * bounded time and memory, leaving no temp file behind. Cases are drawn with a fixed seed, so a failure
 * reproduces; ISX_FUZZ_CASES=all runs every case (minutes), a number runs that many.
 */

/** Per-case safety net against hangs (not a speed test: cases take milliseconds). */
export const CASE_TIMEOUT_MS = 10_000;
/** Growth of this process's RSS over the whole run that counts as unbounded. */
export const MAX_RSS_GROWTH_BYTES = 400 * 1024 * 1024;

/** How many cases of `total` to run: ISX_FUZZ_CASES (a number, or `all`), else `byDefault`. */
export function caseBudget(total: number, byDefault: number): number {
  const asked = process.env.ISX_FUZZ_CASES;
  if (asked === 'all') return total;
  const n = asked === undefined ? byDefault : Number(asked);
  return Math.min(total, Number.isSafeInteger(n) && n > 0 ? n : byDefault);
}

/** The first `count` items of a seeded shuffle of `items` (Fisher-Yates). */
export function sample<T>(items: readonly T[], count: number, random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, count);
}

export type KeyPath = readonly (string | number)[];

/** Every key path in a JSON value, down to the leaves; of long arrays only the first two and the last item. */
export function keyPaths(value: JsonValue, prefix: KeyPath = []): KeyPath[] {
  const paths: KeyPath[] = prefix.length > 0 ? [prefix] : [];
  if (Array.isArray(value)) {
    const indices = value.length <= 3 ? value.map((_, i) => i) : [0, 1, value.length - 1];
    for (const i of indices) paths.push(...keyPaths(value[i]!, [...prefix, i]));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) paths.push(...keyPaths(item, [...prefix, key]));
  }
  return paths;
}

export const MUTATIONS = ['huge', 'negative', 'float', 'string', 'null', 'missing', 'deep'] as const;
export type Mutation = (typeof MUTATIONS)[number];

/** Stands in for nesting too deep to build as a value; replaced in the JSON text (see withDeepNesting). */
export const DEEP_PLACEHOLDER = '\u0000deep-nesting\u0000';
/** Far deeper than any parser's call stack allows; the reader must refuse it by its depth limit. */
const DEEP_LEVELS = 100_000;

/** `value` with `mutation` applied, by its type: huge numbers, strings, arrays and objects differ. */
function mutatedValue(value: JsonValue, mutation: Exclude<Mutation, 'missing'>): JsonValue {
  switch (mutation) {
    case 'huge':
      if (typeof value === 'string') return 'x'.repeat(1 << 20);
      if (Array.isArray(value)) return new Array<JsonValue>(200_000).fill(0);
      if (value !== null && typeof value === 'object') return Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i]));
      return 2n ** 64n;
    case 'negative':
      return typeof value === 'number' || typeof value === 'bigint' ? -(2 ** 53) + 1 : -1;
    case 'float':
      return 0.5;
    case 'string':
      return typeof value === 'string' ? '' : '7';
    case 'null':
      return null;
    case 'deep':
      return DEEP_PLACEHOLDER;
  }
}

/** A copy of `footer` with the value at `path` mutated (or removed). */
export function mutated(footer: JsonObject, path: KeyPath, mutation: Mutation): JsonObject {
  const copy = structuredClone(footer);
  let parent: JsonValue = copy;
  for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, JsonValue>)[key]!;
  const last = path.at(-1)!;
  const container = parent as Record<string | number, JsonValue> & JsonValue[];
  if (mutation !== 'missing') container[last] = mutatedValue(container[last]!, mutation);
  else if (Array.isArray(container)) container.splice(Number(last), 1);
  else delete container[last];
  return copy;
}

/** JSON text with the deep-nesting placeholder replaced by DEEP_LEVELS nested arrays. */
export function withDeepNesting(json: string): string {
  return json.replace(JSON.stringify(DEEP_PLACEHOLDER), `${'['.repeat(DEEP_LEVELS)}${']'.repeat(DEEP_LEVELS)}`);
}

export const FORMATS: readonly SinkFormat[] = ['parquet', 'arrow', 'ndjson', 'csv'];

/** What one case ended in: `ok`, or the IsxError code of the library and the CLI's exit status. */
export interface CaseOutcome {
  library: string;
  cli: number;
}

/** Fails when `check` has not settled within CASE_TIMEOUT_MS (a hang that still lets timers run). */
export async function withinCaseTime<T>(what: string, check: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not done after ${CASE_TIMEOUT_MS} ms`)), CASE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs one hostile file through the library and the CLI and checks the contract; `out` is a fresh folder
 * for this case, removed afterwards.
 */
export async function checkCase(file: string, out: string, format: SinkFormat): Promise<CaseOutcome> {
  let library = 'ok';
  try {
    const dataSet = await open(file);
    try {
      for await (const _ of records(dataSet));
    } finally {
      await dataSet.close();
    }
    await convertFile(file, { to: format, outDir: join(out, 'library') });
  } catch (error) {
    if (!(error instanceof IsxError)) throw new Error(`${file}: the library threw a ${describe(error)}, not an IsxError`, { cause: error });
    // E_INTERNAL keeps the contract but means a failure nobody foresaw: a file must never cause one.
    if (error.code === 'E_INTERNAL') throw new Error(`${file}: unforeseen failure: ${error.message.slice(0, 300)}`, { cause: error });
    library = error.code;
  }
  const info = await runCli(['info', file, '--json']);
  expectCliContract(info.status, info.stderr, file);
  // The conversion itself was checked through the library; the CLI prints a table's first rows.
  const cat = await runCli(['cat', file, '--limit', '100']);
  expectCliContract(cat.status, cat.stderr, file);
  expect(await tempFilesUnder(out), `${file}: temp files left behind`).to.deep.equal([]);
  await rm(out, { recursive: true, force: true });
  return { library, cli: cat.status ?? -1 };
}

/** Exit 0 or 1; every stderr line a message of ours, never a stack trace or an unwrapped error. */
function expectCliContract(status: number | null, stderr: string, file: string): void {
  expect([0, 1], `${file}: exit status; stderr: ${stderr}`).to.include(status);
  for (const line of stderr.split('\n').filter((l) => l !== '')) {
    expect(line, `${file}: stderr`).to.match(/^isx-stream: /);
  }
  expect(stderr, `${file}: a stack trace`).not.to.match(/\n\s+at /);
}

async function tempFilesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true }).catch(() => [] as string[]);
  return entries.filter((name) => name.endsWith('.tmp'));
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message.slice(0, 300)}` : String(error);
}
