/**
 * YAML with source positions. Every later stage (schema, semantic checks, tests) reports
 * against a path inside a document; this module turns that path back into file:line:col of
 * the offending node, not of the document.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import type { Finding, Position } from './findings.js';

export type PathSegment = string | number;
export type DocPath = readonly PathSegment[];

/** Rule files are small; anything larger is almost surely a data file given by mistake. */
export const MAX_RULE_FILE_BYTES = 2 * 1024 * 1024;

export interface SourceDocument {
  file: string;
  /** 0-based index of the document in its file. */
  index: number;
  /** Plain JS value of the document (null for an empty document). */
  value: unknown;
  /** Locate a path inside this document; falls back to the deepest node that exists. */
  locate(path: DocPath, at?: 'value' | 'key'): { start: Position; end: Position };
  /** Position of the document's first node. */
  start: Position;
}

export interface SourceFile {
  file: string;
  text: string;
  documents: SourceDocument[];
  /** Parse-level findings: encoding, size, YAML syntax. */
  findings: Finding[];
}

export function parseSourceFile(file: string, bytes: Uint8Array): SourceFile {
  const at1 = { line: 1, col: 1 };
  const fail = (code: string, message: string, hint: string): SourceFile => ({
    file,
    text: '',
    documents: [],
    findings: [{ code, severity: 'error', message, hint, file, start: at1 }],
  });
  if (bytes.byteLength > MAX_RULE_FILE_BYTES) {
    return fail(
      'file/too-large',
      `file is ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB; rule files are limited to ${MAX_RULE_FILE_BYTES / 1024 / 1024} MB`,
      'Is this a data file? Keep rule files small, or move it out of the rule paths.',
    );
  }
  if (bytes.subarray(0, 8192).includes(0)) {
    return fail('file/binary', 'file looks binary (contains NUL bytes), not YAML', 'Remove it from the rule paths.');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('file/encoding', 'file is not valid UTF-8', 'Save the file as UTF-8.');
  }
  return parseYamlText(file, text.replace(/^\uFEFF/, ''));
}

export function parseYamlText(file: string, text: string): SourceFile {
  const lineCounter = new LineCounter();
  const pos = (offset: number): Position => {
    const p = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line: p.line, col: p.col };
  };
  const parsed = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const docs: Document.Parsed[] = Array.isArray(parsed) ? parsed : [];
  const findings: Finding[] = [];
  const documents: SourceDocument[] = [];
  docs.forEach((doc, index) => {
    for (const e of doc.errors) {
      // yaml reports an unclosed quote where the file ends; point at the quote that opened it.
      const start = e.code === 'MISSING_CHAR' && /quote/.test(e.message) ? openingQuote(text, e.pos[0], e.message) : e.pos[0];
      findings.push(yamlFinding(file, e.code, e.message, pos(start), pos(e.pos[1])));
    }
    if (doc.errors.length > 0) return;
    const root = doc.contents as Node | null;
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    const docStart = pos(root?.range?.[0] ?? doc.range[0]);
    documents.push({
      file,
      index,
      value,
      start: docStart,
      locate(path, at = 'value') {
        const node = resolve(root, path, at);
        const range = node?.range;
        if (!range) return { start: docStart, end: docStart };
        return { start: pos(range[0]), end: pos(range[1]) };
      },
    });
  });
  const meaningful = documents.some((d) => d.value !== null && d.value !== undefined);
  if (findings.length === 0 && !meaningful) {
    findings.push({
      code: 'file/empty',
      severity: 'warning',
      message: 'file holds no YAML documents',
      hint: 'Add a rule document or remove the file.',
      file,
      start: { line: 1, col: 1 },
    });
  }
  return { file, text, documents, findings };
}

const YAML_HINTS: Record<string, string> = {
  TAB_AS_INDENT: 'YAML indentation must use spaces; replace the tab with spaces.',
  DUPLICATE_KEY: 'Each key may appear once in a mapping; remove or rename one of them.',
  MISSING_CHAR: 'A quote or bracket is not closed.',
  BAD_INDENT: 'Check the indentation of this line against its siblings.',
  MULTILINE_IMPLICIT_KEY: 'A key must fit on one line; is a colon or quote missing on the line above?',
  UNEXPECTED_TOKEN: 'Check quoting and indentation around this position.',
};

function yamlFinding(file: string, code: string, message: string, start: Position, end: Position): Finding {
  const firstLine = message.split('\n')[0] ?? message;
  const hint = YAML_HINTS[code];
  return {
    code: `yaml/${code.toLowerCase().replace(/_/g, '-')}`,
    severity: 'error',
    message: firstLine.replace(/ at line \d+, column \d+:?$/, ''),
    ...(hint ? { hint } : {}),
    file,
    start,
    end,
  };
}

function openingQuote(text: string, offset: number, message: string): number {
  const q = message.includes('"') ? '"' : "'";
  const at = text.lastIndexOf(q, Math.max(0, offset - 1));
  return at >= 0 ? at : offset;
}

function resolve(root: Node | null, path: DocPath, at: 'value' | 'key'): Node | null {
  let node: unknown = root;
  let keyNode: unknown = null;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return node as Node;
      keyNode = pair.key;
      if (pair.value === null) return keyNode as Node;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (!item) return node as Node;
      keyNode = null;
      node = item;
    } else {
      return node as Node;
    }
  }
  if (at === 'key' && keyNode) return keyNode as Node;
  return node as Node;
}

/** `spec.rows[3].require[0]` — how findings name a place inside a document. */
export function formatPath(path: DocPath): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out;
}
