/**
 * npm run bench [-- --orders N] [--budget-mb MB] — throughput and memory of simulate, as ratios in one run:
 *   (a) the floor: reading and parsing the snapshot files simulate reads, and nothing else;
 *   (b) simulate end to end with the example rule pack;
 *   (c) the naive loop — `await engine.run(facts)` per order with json-rules-engine — on a sample.
 * History is generated once per size into bench/out/ (in a child process, so its memory does
 * not count). Simulate runs in a child process of its own, so its peak RSS is its own.
 * Machines here are shared and noisy: quote ratios, never one absolute time alone.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from 'json-rules-engine';
import { SnapshotReader } from '../snapshot/reader.js';
import { loadRuleSet } from '../ruleset/load.js';
import { conditionsOf } from '../ruleset/types.js';
import { toJreCondition } from '../compile/jre.js';
import { leafTruth, not } from '../compile/truth.js';
import { buildSaleOrderFacts } from '../facts/build.js';
import { loadRefs } from '../simulate/refs.js';
import { simulate } from '../simulate/engine.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MODELS_READ = ['sale.order', 'sale.order.line', 'stock.move', 'mail.message'];
/** What a Node process holds beside its old-generation heap: new space, code, read buffers. */
const NOT_HEAP_MB = 128;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

function ensureHistory(orders: number): string {
  const dir = join(ROOT, 'bench', 'out', `history-${orders}`);
  if (existsSync(join(dir, 'manifest.json'))) return dir;
  process.stderr.write(`generating ${orders.toLocaleString('en-US')} orders into ${dir} (once)…\n`);
  execFileSync(process.execPath, [join(ROOT, 'dist', 'history', 'cli.js'), '--orders', String(orders), '--out', dir], { stdio: 'inherit' });
  return dir;
}

/** (a) Read and parse every record simulate reads, doing nothing with them. */
async function floor(dir: string): Promise<{ seconds: number; orders: number; records: number }> {
  const t0 = performance.now();
  const reader = await SnapshotReader.open(dir);
  let records = 0;
  await loadRefs(reader);
  for (const model of MODELS_READ) {
    if (!reader.has(model)) continue;
    // The same read path simulate takes: a chunk's records at a time.
    for await (const batch of reader.batches(model)) records += batch.length;
  }
  return { seconds: (performance.now() - t0) / 1000, orders: reader.count('sale.order'), records };
}

/**
 * (c) The naive loop on a sample: one json-rules-engine run per order, with the pack's
 * conditions. (d) The same conditions on the same facts through the compiled closures simulate
 * uses: the evaluation backends compared alone, without reading or replaying anything.
 */
async function naive(dir: string, sample: number): Promise<{ seconds: number; orders: number; rules: number; compiledSeconds: number; compiledRounds: number; compiledTrue: number }> {
  const { ruleSet } = loadRuleSet([join(ROOT, 'rules')], { cwd: ROOT });
  const conditions = conditionsOf(ruleSet);
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator('distrule', (actual: unknown, wrapped: { operand: { op: string; expected: never; negated: boolean; mode: string } }) => {
    const { op, expected, negated } = wrapped.operand;
    let t = op === 'always' ? 'true' : leafTruth(op as never, actual, expected);
    if (negated) t = not(t as never);
    return t === 'true';
  });
  for (const c of conditions) engine.addRule({ name: c.id, conditions: wrapTop(toJreCondition(c.node, 'certain')), event: { type: c.id } });
  const reader = await SnapshotReader.open(dir);
  const refs = await loadRefs(reader);
  const facts: Record<string, unknown>[] = [];
  const lines = reader.records('sale.order.line')[Symbol.asyncIterator]();
  let pending = await lines.next();
  for await (const o of reader.records('sale.order')) {
    const mine = [];
    while (!pending.done && Array.isArray(pending.value['order_id']) && (pending.value['order_id'][0] as number) <= o.id) {
      if (pending.value['order_id'][0] === o.id) mine.push(pending.value);
      pending = await lines.next();
    }
    facts.push(buildSaleOrderFacts(o, mine, refs, () => 0));
    if (facts.length >= sample) break;
  }
  const t0 = performance.now();
  for (const f of facts) await engine.run(f);
  const seconds = (performance.now() - t0) / 1000;
  // Closures are fast enough that one pass is too short to time: repeat it for at least 1 s.
  let compiledRounds = 0;
  // Counted and returned, so the loop does work the engine cannot leave out.
  let compiledTrue = 0;
  const t1 = performance.now();
  do {
    for (const f of facts) for (const c of conditions) if (c.fn(f) === 'true') compiledTrue++;
    compiledRounds++;
  } while (performance.now() - t1 < 1000);
  return { seconds, orders: facts.length, rules: conditions.length, compiledSeconds: (performance.now() - t1) / 1000, compiledRounds, compiledTrue };
}

function wrapTop(c: ReturnType<typeof toJreCondition>): Parameters<Engine['addRule']>[0]['conditions'] {
  return 'all' in c || 'any' in c ? (c as never) : { all: [c] };
}

/**
 * (b) simulate end to end, in a child process: wall time and its own peak RSS. Node sizes its
 * heap from the memory it is given (a container's limit, or --max-old-space-size); the child
 * is given the memory budget under test, less what is not heap (new space, code, buffers).
 */
function simulateChild(dir: string, budgetMb: number): { seconds: number; orders: number; peakRssMb: number } {
  const heapFlag = budgetMb > 0 ? [`--max-old-space-size=${budgetMb - NOT_HEAP_MB}`] : [];
  const r = spawnSync(process.execPath, [...heapFlag, fileURLToPath(import.meta.url), '--child-simulate', dir], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`simulate child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as { seconds: number; orders: number; peakRssMb: number };
}

async function childSimulate(dir: string): Promise<void> {
  const { ruleSet } = loadRuleSet([join(ROOT, 'rules')], { cwd: ROOT });
  const t0 = performance.now();
  const [result] = await simulate({ snapshot: dir, ruleSets: [ruleSet] });
  const seconds = (performance.now() - t0) / 1000;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ seconds, orders: result!.counts.orders, peakRssMb })}\n`);
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child-simulate') return childSimulate(process.argv[3]!);
  const orders = Number(arg('orders', '1000000'));
  const sample = Number(arg('sample', '2000'));
  // 0: let Node size its heap from the machine's memory, as it would outside a container.
  const budgetMb = Number(arg('budget-mb', '512'));
  if (!(budgetMb === 0 || budgetMb > NOT_HEAP_MB)) throw new Error(`--budget-mb must be 0 (Node decides) or more than ${NOT_HEAP_MB}`);
  const dir = ensureHistory(orders);
  const rules = loadRuleSet([join(ROOT, 'rules')], { cwd: ROOT }).ruleSet;
  const ruleCount = conditionsOf(rules).length;
  process.stderr.write('measuring the floor…\n');
  const f = await floor(dir);
  process.stderr.write('measuring simulate…\n');
  const s = simulateChild(dir, budgetMb);
  process.stderr.write('measuring the naive json-rules-engine loop…\n');
  const n = await naive(dir, sample);
  const floorRate = f.orders / f.seconds;
  const simRate = s.orders / s.seconds;
  const naiveRate = n.orders / n.seconds;
  const line = (k: string, v: string): string => `${k.padEnd(48)}${v}\n`;
  let out = `\ndistrule bench — ${f.orders.toLocaleString('en-US')} orders, ${ruleCount} rules, node ${process.version}\n\n`;
  out += line('(a) floor: read + parse snapshot', `${Math.round(floorRate).toLocaleString('en-US')} orders/s  (${f.records.toLocaleString('en-US')} records, ${f.seconds.toFixed(2)} s)`);
  out += line('(b) simulate end to end', `${Math.round(simRate).toLocaleString('en-US')} orders/s  (${s.seconds.toFixed(2)} s, peak RSS ${Math.round(s.peakRssMb)} MB)`);
  const compiledRate = (n.orders * n.compiledRounds) / n.compiledSeconds;
  out += line(`(c) naive engine.run per order (${n.orders} sample)`, `${Math.round(naiveRate).toLocaleString('en-US')} orders/s  (${n.rules} conditions each)`);
  out += line('(d) compiled closures, same facts', `${Math.round(compiledRate).toLocaleString('en-US')} orders/s  (evaluation alone)`);
  out += '\n';
  out += line('simulate / floor', `${(simRate / floorRate).toFixed(2)}   (target ≥ 0.50)`);
  out += line('simulate / naive json-rules-engine', `${(simRate / naiveRate).toFixed(0)}×  (target ≥ 300×)`);
  out += line('floor / naive json-rules-engine', `${(floorRate / naiveRate).toFixed(0)}×  (the most simulate could reach)`);
  out += line('compiled / naive, evaluation alone', `${(compiledRate / naiveRate).toFixed(0)}×`);
  out += line('peak RSS of simulate', `${Math.round(s.peakRssMb)} MB  (target ≤ 512 MB; ${budgetMb > 0 ? `heap sized for a ${budgetMb} MB budget: --max-old-space-size=${budgetMb - NOT_HEAP_MB}` : 'heap sized by Node from the machine'})`);
  process.stdout.write(out);
}

try {
  await main();
} catch (e) {
  // A bad option or a failed child is reported as such, not as a stack trace.
  process.stderr.write(`bench: ${(e as Error).message}\n`);
  process.exitCode = 2;
}
