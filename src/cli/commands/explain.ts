import { readFileSync, existsSync } from 'node:fs';
import type { Command } from 'commander';
import { parse } from 'yaml';
import { UsageError } from '../../language/findings.js';
import { loadRuleSet } from '../../ruleset/load.js';
import { explain } from '../../explain/explain.js';
import { explainJson, explainText } from '../../report/explain.js';
import { formatFindings } from '../../report/findings/index.js';
import type { Facts } from '../../facts/model.js';
import { choice, emit, rulePaths, type Io } from '../io.js';

export function registerExplain(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command('explain')
    .description('show every rule and condition for one set of facts, with values, results and the decision')
    .argument('[paths...]', 'rule files or folders (default: ./rules)')
    .requiredOption('--facts <file>', 'facts as JSON or YAML: { order, customer, lines } or { product, stock, … }')
    .option('--model <model>', 'which rules apply (default: from the facts: sale.order, purchase.order or replenishment)')
    .option('--date <YYYY-MM-DD>', 'decision date for delegations (default: the order date)')
    .option('-f, --format <format>', 'text or json', 'text')
    .option('-o, --output <file>', 'write the report to a file')
    .action(async (paths: string[], opts: { facts: string; model?: string; date?: string; format: string; output?: string }) => {
      const format = choice('format', opts.format, ['text', 'json'] as const);
      const facts = readFacts(opts.facts);
      const { ruleSet, findings, files } = loadRuleSet(rulePaths(paths, io.cwd), { cwd: io.cwd });
      const errors = findings.filter((f) => f.severity === 'error' && !f.suppressed);
      if (errors.length) {
        io.stderr(formatFindings('text', errors, { color: io.color, files: files.length, showSuppressed: false, failOn: 'error' }));
        io.stderr('distrule explain: the rules do not validate; fix the errors above first.\n');
        return done(1);
      }
      const e = await explain(ruleSet, facts, { ...(opts.model ? { model: opts.model } : {}), ...(opts.date ? { date: opts.date } : {}) });
      emit(io, format === 'json' ? explainJson(e) : explainText(e, { color: io.color && !opts.output }), opts.output);
      done(0);
    });
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
