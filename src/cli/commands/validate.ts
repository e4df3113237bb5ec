import type { Command } from 'commander';
import { atLeast, type Severity } from '../../language/findings.js';
import { loadRuleSet } from '../../ruleset/load.js';
import { FINDING_FORMATS, formatFindings } from '../../report/findings/index.js';
import { choice, emit, rulePaths, type Io } from '../io.js';

const SEVERITIES = ['error', 'warning', 'info'] as const;

export function registerValidate(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command('validate')
    .description('check rule files: YAML syntax, JSON Schema, references, decision tables')
    .argument('[paths...]', 'rule files or folders (default: ./rules)')
    .option('-f, --format <format>', `output format: ${FINDING_FORMATS.join(', ')}`, 'text')
    .option('--fail-on <severity>', 'exit 1 on findings at or above: error, warning, info', 'error')
    .option('-o, --output <file>', 'write the report to a file')
    .option('--show-suppressed', 'list suppressed findings with their reasons')
    .action((paths: string[], opts: { format: string; failOn: string; output?: string; showSuppressed?: boolean }) => {
      const format = choice('format', opts.format, FINDING_FORMATS);
      const failOn: Severity = choice('fail-on', opts.failOn, SEVERITIES);
      const { findings, files } = loadRuleSet(rulePaths(paths, io.cwd), { cwd: io.cwd });
      emit(io, formatFindings(format, findings, { color: io.color && !opts.output, files: files.length, showSuppressed: Boolean(opts.showSuppressed), failOn }), opts.output);
      done(findings.some((f) => !f.suppressed && atLeast(f.severity, failOn)) ? 1 : 0);
    });
}
