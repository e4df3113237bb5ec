/** Output formats of `distrule simulate`: pick one by name. */
import type { SimulationResult } from '../../simulate/result.js';
import { formatSimulationHtml, type HtmlSimulationOptions } from './html.js';
import { formatSimulationJson, type JsonSimulationOptions } from './json.js';
import { formatSimulationMarkdown, type MarkdownSimulationOptions } from './markdown.js';
import { formatSimulationText, type TextSimulationOptions } from './text.js';

export const SIMULATE_FORMATS = ['text', 'json', 'markdown', 'html'] as const;
export type SimulateFormat = (typeof SIMULATE_FORMATS)[number];

export function isSimulateFormat(name: string): name is SimulateFormat {
  return (SIMULATE_FORMATS as readonly string[]).includes(name);
}

/** Every format's options; each format reads the ones it knows. */
export type SimulateFormatOptions = TextSimulationOptions & JsonSimulationOptions & MarkdownSimulationOptions & HtmlSimulationOptions;

export function formatSimulation(format: SimulateFormat, result: SimulationResult, options: SimulateFormatOptions = {}): string {
  switch (format) {
    case 'text':
      return formatSimulationText(result, options);
    case 'json':
      return formatSimulationJson(result, options);
    case 'markdown':
      return formatSimulationMarkdown(result, options);
    case 'html':
      return formatSimulationHtml(result, options);
  }
}

export { formatSimulationText, type TextSimulationOptions } from './text.js';
export { formatSimulationJson, canonicalSimulation, type JsonSimulationOptions } from './json.js';
export { formatSimulationMarkdown, mdText, mdCode, type MarkdownSimulationOptions } from './markdown.js';
export { formatSimulationHtml, type HtmlSimulationOptions } from './html.js';
export { escapeHtml } from './escape.js';
export { queueChart, fillRateChart, stockChart, rolesChart, niceScale, dateTicks, CHART_COLORS, MAX_STOCK_PANELS, type NiceScale } from './charts.js';
