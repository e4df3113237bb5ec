import type { Command } from 'commander';
import { UsageError } from '../../language/findings.js';
import { loadRuleSetAt, DiffError, diffRuleSets } from '../../diff/index.js';
import { decisionImpact, hasImpact } from '../../diff/impact.js';
import { diffJson, diffMarkdown, type DiffReport } from '../../diff/report.js';
import { formatFindings } from '../../report/findings/index.js';
import { choice, emit, rulePaths, type Io } from '../io.js';
import { historyPath, progressReporter, windowOption } from '../history.js';

export function registerDiff(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command('diff')
    .description('what a rule change changes: the rules themselves, and their decisions replayed on history')
    .argument('[paths...]', 'rule files or folders (default: ./rules)')
    .requiredOption('--base <rev>', 'git revision of the rules before the change (e.g. origin/main, HEAD~1)')
    .option('--head <rev>', 'git revision after the change (default: the working tree)')
    .option('--history <dir>', 'snapshot folder (default: distrule.yaml `history`, else examples/history)')
    .option('--from <YYYY-MM-DD>', 'start of the window')
    .option('--until <YYYY-MM-DD>', 'end of the window, exclusive')
    .option('-f, --format <format>', 'markdown or json', 'markdown')
    .option('-o, --output <file>', 'write the report to a file')
    .option('--examples <n>', 'example orders to list', '20')
    .option('--fail-on-impact', 'exit 1 when the change moves any decision (a gate for teams that want one)')
    .action(async (paths: string[], opts: { base: string; head?: string; history?: string; from?: string; until?: string; format: string; output?: string; examples: string; failOnImpact?: boolean }) => {
      const format = choice('format', opts.format, ['markdown', 'json'] as const);
      const examples = Number(opts.examples);
      if (!Number.isInteger(examples) || examples < 0) throw new UsageError(`--examples takes a whole number (got "${opts.examples}")`);
      const rulePathsGiven = rulePaths(paths, io.cwd);
      let base;
      let head;
      try {
        base = loadRuleSetAt(opts.base, rulePathsGiven, { cwd: io.cwd });
        head = loadRuleSetAt(opts.head ?? null, rulePathsGiven, { cwd: io.cwd });
      } catch (e) {
        if (e instanceof DiffError && e.findings.length) {
          io.stderr(formatFindings('text', [...e.findings], { color: io.color, files: 0, showSuppressed: false, failOn: 'error' }));
        }
        throw e;
      }
      const history = historyPath(opts.history, head.config ?? base.config, io.cwd);
      const progress = progressReporter(io);
      let impact;
      try {
        impact = await decisionImpact(base.ruleSet, head.ruleSet, {
          snapshot: history,
          ...windowOption(opts.from, opts.until),
          examples,
          ...(head.config?.facts?.tier ? { tier: head.config.facts.tier } : {}),
          onProgress: progress.update,
        });
      } finally {
        progress.end();
      }
      const report: DiffReport = { version: 1, base: base.revision.label, head: head.revision.label, rules: diffRuleSets(base.ruleSet, head.ruleSet), impact };
      const odooUrl = head.config?.odoo?.url;
      emit(io, format === 'json' ? diffJson(report) : diffMarkdown(report, odooUrl ? { odooUrl } : {}), opts.output);
      done(opts.failOnImpact && hasImpact(impact) ? 1 : 0);
    });
}
