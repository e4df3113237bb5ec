import type { Command } from 'commander';
import { runRuleTests } from '../../testing/run.js';
import { TEST_FORMATS, formatTestReport } from '../../report/tests/index.js';
import { UsageError } from '../../language/findings.js';
import { choice, emit, loadValidRules, type Io } from '../io.js';

export function registerTest(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command('test')
    .description('run the rule tests (RuleTest documents) and report row coverage')
    .argument('[paths...]', 'rule files or folders (default: ./rules)')
    .option('-f, --format <format>', `output format: ${TEST_FORMATS.join(', ')}`, 'text')
    .option('--min-coverage <percent>', 'fail when fewer rows/rules/policies are exercised')
    .option('-o, --output <file>', 'write the report to a file')
    .action(async (paths: string[], opts: { format: string; minCoverage?: string; output?: string }) => {
      const format = choice('format', opts.format, TEST_FORMATS);
      const min = opts.minCoverage === undefined ? undefined : Number(opts.minCoverage);
      if (min !== undefined && !(min >= 0 && min <= 100)) throw new UsageError(`--min-coverage takes a percentage from 0 to 100 (got "${opts.minCoverage}")`);
      const loaded = loadValidRules(io, paths, 'test');
      if (!loaded) return done(1);
      const { ruleSet } = loaded;
      if (ruleSet.tests.length === 0) {
        io.stderr('distrule test: no RuleTest documents found (write *.test.yaml files beside the rules).\n');
        return done(1);
      }
      const report = await runRuleTests(ruleSet);
      emit(io, formatTestReport(format, report, { color: io.color && !opts.output, minCoverage: min }), opts.output);
      const belowMin = min !== undefined && report.coverage.percent < min;
      if (belowMin) io.stderr(`distrule test: coverage ${report.coverage.percent}% is below --min-coverage ${min}%\n`);
      done(report.failed > 0 || belowMin ? 1 : 0);
    });
}
