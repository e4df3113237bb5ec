/** Output formats of `distrule test`: pick one by name. */
import type { TestReport } from '../../testing/types.js';
import { formatTestReportJson, type JsonTestReportOptions } from './json.js';
import { formatTestReportJunit, type JunitTestReportOptions } from './junit.js';
import { formatTestReportText, type TextTestReportOptions } from './text.js';

export const TEST_FORMATS = ['text', 'json', 'junit'] as const;
export type TestFormat = (typeof TEST_FORMATS)[number];

export function isTestFormat(name: string): name is TestFormat {
  return (TEST_FORMATS as readonly string[]).includes(name);
}

/** Every format's options; each format reads the ones it knows. */
export type TestReportFormatOptions = TextTestReportOptions & JsonTestReportOptions & JunitTestReportOptions;

export function formatTestReport(format: TestFormat, report: TestReport, options: TestReportFormatOptions = {}): string {
  switch (format) {
    case 'text':
      return formatTestReportText(report, options);
    case 'json':
      return formatTestReportJson(report, options);
    case 'junit':
      return formatTestReportJunit(report, options);
  }
}

export { formatTestReportText, paintDiffLine, type TextTestReportOptions } from './text.js';
export { formatTestReportJson, testJsonReport, type JsonTestReportOptions, type JsonTestReport, type JsonTestCase, type JsonCoverageItem } from './json.js';
export { formatTestReportJunit, type JunitTestReportOptions } from './junit.js';
