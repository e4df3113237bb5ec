import { readFileSync, existsSync } from 'node:fs';
import type { Command } from 'commander';
import { parse } from 'yaml';
import { UsageError } from '../../language/findings.js';
import { explain } from '../../explain/explain.js';
import { explainJson, explainText } from '../../report/explain.js';
import type { Facts } from '../../facts/model.js';
import { choice, emit, loadValidRules, type Io } from '../io.js';
import { historyPath } from '../history.js';
import type { DistruleConfig } from '../../config/schema.js';
import type { RecordSource } from '../../facts/source.js';
import { FactAccessError, FactBuilder } from '../../facts/build.js';
import { SnapshotSource } from '../../snapshot/source.js';
import { SnapshotError } from '../../snapshot/errors.js';
import { MODELS } from '../../snapshot/models.js';
import { clientFromConfig } from '../../odoo/from-config.js';
import { OdooError } from '../../odoo/errors.js';

export function registerExplain(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command('explain')
    .description('show every rule and condition for one set of facts, with values, results and the decision')
    .argument('[paths...]', 'rule files or folders (default: ./rules)')
    .option('--facts <file>', 'facts as JSON or YAML: { order, customer, lines } or { product, stock, … }')
    .option('--order <name>', 'a sale order by name (e.g. S00042), read from --history or, with --live, from Odoo')
    .option('--history <dir>', 'snapshot folder to read --order from (default: distrule.yaml `history`, else examples/history)')
    .option('--live', 'read --order from the Odoo in distrule.yaml (read-only)')
    .option('--model <model>', 'which rules apply (default: from the facts: sale.order, purchase.order or replenishment)')
    .option('--date <YYYY-MM-DD>', 'decision date for delegations (default: the order date)')
    .option('-f, --format <format>', 'text or json', 'text')
    .option('-o, --output <file>', 'write the report to a file')
    .action(async (paths: string[], opts: { facts?: string; order?: string; history?: string; live?: boolean; model?: string; date?: string; format: string; output?: string }) => {
      const format = choice('format', opts.format, ['text', 'json'] as const);
      if (Boolean(opts.facts) === Boolean(opts.order)) throw new UsageError('give either --facts FILE or --order NAME', 'e.g. `distrule explain --order S00042` (from the example history) or `--facts order.json`.');
      const loaded = loadValidRules(io, paths, 'explain');
      if (!loaded) return done(1);
      const { ruleSet, config } = loaded;
      const facts = opts.facts ? readFacts(opts.facts) : await orderFacts(opts.order!, opts.live ? null : historyPath(opts.history, config, io.cwd), config);
      const e = await explain(ruleSet, facts, { ...(opts.model ? { model: opts.model } : {}), ...(opts.date ? { date: opts.date } : {}) });
      emit(io, format === 'json' ? explainJson(e) : explainText(e, { color: io.color && !opts.output }), opts.output);
      done(0);
    });
}

/** One order's facts through the shared fact builder: from a snapshot, or read-only from live Odoo. */
async function orderFacts(name: string, history: string | null, config: DistruleConfig | null): Promise<Facts> {
  let source: RecordSource;
  try {
    source = history ? await SnapshotSource.open(history, { mode: 'lenient' }) : clientFromConfig(config?.odoo, process.env, { root: config?.root ?? process.cwd() });
  } catch (e) {
    if (e instanceof SnapshotError || e instanceof OdooError) throw new UsageError(e.message);
    throw e;
  }
  const fields = source instanceof SnapshotSource ? Object.fromEntries(source.reader.models().map((m) => [m, [...source.reader.fields(m)]])) : undefined;
  const builder = new FactBuilder(source, { ...(config?.facts?.tier ? { tier: config.facts.tier } : {}), ...(fields ? { fields } : {}) });
  try {
    const orders = await source.searchRead('sale.order', [['name', '=', name]], Object.keys(MODELS['sale.order']!.fields).filter((f) => !fields || fields['sale.order']?.includes(f)), { limit: 1 });
    if (orders.length === 0) throw new UsageError(`no sale order named ${name} in ${history ?? 'Odoo'}`);
    return (await builder.saleOrders(orders))[0]!;
  } catch (e) {
    if (e instanceof OdooError || e instanceof FactAccessError) throw new UsageError(e.message);
    throw e;
  }
}

function readFacts(file: string): Facts {
  if (!existsSync(file)) throw new UsageError(`facts file does not exist: ${file}`);
  let value: unknown;
  try {
    value = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read facts from ${file}: ${(e as Error).message.split('\n')[0]}`, 'Give a JSON or YAML object such as { "order": {…}, "customer": {…} }.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`facts in ${file} must be an object with roots like order, customer, lines`);
  }
  return value as Facts;
}
