/**
 * Hand-written XML-RPC, byte-compatible with what Odoo sends: Python's `xmlrpc.client.dumps`
 * patched by Odoo's marshaller (control characters stripped, no `<nil/>`).
 */
import { PyFloat, type PyValue } from './wire.js';

export class XmlRpcParseError extends Error {
  override readonly name = 'XmlRpcParseError';
}

/** Raised while marshalling; Odoo turns it into an application fault (code 1). */
export class MarshalError extends Error {
  constructor(
    readonly pyName: 'TypeError' | 'OverflowError',
    message: string,
  ) {
    super(message);
  }
}

// ------------------------------------------------------------------------------------------
// A minimal XML reader: elements, text, entities, CDATA; comments and declarations skipped.

interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const named = ENTITIES[ref];
    if (named === undefined) throw new XmlRpcParseError(`undefined entity &${ref};`);
    return named;
  });
}

function parseXml(source: string): XmlElement {
  const root: XmlElement = { name: '#document', children: [], text: '' };
  const stack: XmlElement[] = [root];
  let i = 0;
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const textEnd = lt === -1 ? source.length : lt;
    if (textEnd > i) stack[stack.length - 1].text += decodeEntities(source.slice(i, textEnd));
    if (lt === -1) break;
    if (source.startsWith('<?', lt)) {
      i = mustFind(source, '?>', lt) + 2;
    } else if (source.startsWith('<!--', lt)) {
      i = mustFind(source, '-->', lt) + 3;
    } else if (source.startsWith('<![CDATA[', lt)) {
      const end = mustFind(source, ']]>', lt);
      stack[stack.length - 1].text += source.slice(lt + 9, end);
      i = end + 3;
    } else if (source.startsWith('<!', lt)) {
      i = mustFind(source, '>', lt) + 1;
    } else if (source.startsWith('</', lt)) {
      const end = mustFind(source, '>', lt);
      const name = source.slice(lt + 2, end).trim();
      const open = stack.pop();
      if (!open || open.name !== name || stack.length === 0) throw new XmlRpcParseError(`mismatched tag </${name}>`);
      i = end + 1;
    } else {
      const end = mustFind(source, '>', lt);
      const selfClosing = source[end - 1] === '/';
      const inner = source.slice(lt + 1, selfClosing ? end - 1 : end).trim();
      const name = inner.split(/\s+/)[0];
      if (!/^[A-Za-z_][\w.:-]*$/.test(name)) throw new XmlRpcParseError(`not well-formed (invalid token) at ${lt}`);
      const element: XmlElement = { name, children: [], text: '' };
      stack[stack.length - 1].children.push(element);
      if (!selfClosing) stack.push(element);
      i = end + 1;
    }
  }
  if (stack.length !== 1) throw new XmlRpcParseError('no element found (unclosed tags)');
  if (root.children.length !== 1) throw new XmlRpcParseError('junk after document element');
  return root.children[0];
}

function mustFind(source: string, needle: string, from: number): number {
  const at = source.indexOf(needle, from);
  if (at === -1) throw new XmlRpcParseError('unclosed token');
  return at;
}

// ------------------------------------------------------------------------------------------
// methodCall → (method, params)

export interface XmlRpcCall {
  method: string;
  params: PyValue[];
}

export function parseMethodCall(body: string): XmlRpcCall {
  const doc = parseXml(body);
  if (doc.name !== 'methodCall') throw new XmlRpcParseError(`expected <methodCall>, got <${doc.name}>`);
  const nameEl = doc.children.find((c) => c.name === 'methodName');
  if (!nameEl) throw new XmlRpcParseError('missing <methodName>');
  const paramsEl = doc.children.find((c) => c.name === 'params');
  const params = (paramsEl?.children ?? [])
    .filter((p) => p.name === 'param')
    .map((p) => {
      const value = p.children.find((c) => c.name === 'value');
      if (!value) throw new XmlRpcParseError('<param> without <value>');
      return readValue(value);
    });
  return { method: nameEl.text.trim(), params };
}

function readValue(el: XmlElement): PyValue {
  const typed = el.children[0];
  if (!typed) return el.text; // a bare <value>text</value> is a string
  switch (typed.name) {
    case 'int':
    case 'i4':
    case 'i8':
    case 'i1':
    case 'i2':
    case 'biginteger': {
      const text = typed.text.trim();
      if (!/^[+-]?\d+$/.test(text)) throw new XmlRpcParseError(`invalid literal for int() with base 10: '${text}'`);
      return Number(text);
    }
    case 'boolean': {
      const text = typed.text.trim();
      if (text !== '0' && text !== '1') throw new XmlRpcParseError('bad boolean value');
      return text === '1';
    }
    case 'double':
    case 'float':
      // Incoming values feed domains and writes, where int and float compare alike.
      return Number(typed.text.trim());
    case 'string':
      return typed.text;
    case 'nil':
      return null;
    case 'base64':
      return typed.text.replace(/\s+/g, '');
    case 'dateTime.iso8601': {
      // Python hands Odoo an xmlrpc DateTime; its str() is '20240301T09:30:00'. Odoo's ORM accepts
      // that form nowhere, so we keep it readable instead.
      const m = /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2}):?(\d{2})/.exec(typed.text.trim());
      return m ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}` : typed.text.trim();
    }
    case 'array': {
      const data = typed.children.find((c) => c.name === 'data');
      return (data?.children ?? []).filter((c) => c.name === 'value').map(readValue);
    }
    case 'struct': {
      const out: { [key: string]: PyValue } = {};
      for (const member of typed.children.filter((c) => c.name === 'member')) {
        const name = member.children.find((c) => c.name === 'name');
        const value = member.children.find((c) => c.name === 'value');
        if (!name || !value) throw new XmlRpcParseError('<member> needs <name> and <value>');
        out[name.text] = readValue(value);
      }
      return out;
    }
    default:
      throw new XmlRpcParseError(`unknown tag <${typed.name}>`);
  }
}

// ------------------------------------------------------------------------------------------
// Marshalling, exactly as Python's xmlrpc.client.Marshaller lays it out.

const MAXINT = 2 ** 31 - 1;
const MININT = -(2 ** 31);
// Odoo's marshaller strips C0 control characters except tab, LF and CR (XML 1.0 forbids them).
const CONTROL_CHARACTERS = /[\x00-\x08\x0b\x0c\x0e-\x1f]/g;

const NEEDS_WORK = /[&<>\x00-\x08\x0b\x0c\x0e-\x1f]/;

function escapeXml(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function pyFloatText(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return `${value}.0`;
  return String(value).replace(/e([+-])(\d)$/, 'e$10$2');
}

function dump(value: PyValue, out: string[]): void {
  if (value === null) throw new MarshalError('TypeError', 'cannot marshal None unless allow_none is enabled');
  if (typeof value === 'boolean') {
    out.push(`<value><boolean>${value ? 1 : 0}</boolean></value>\n`);
  } else if (value instanceof PyFloat) {
    out.push(`<value><double>${pyFloatText(value.value)}</double></value>\n`);
  } else if (typeof value === 'number') {
    if (!Number.isInteger(value)) {
      out.push(`<value><double>${pyFloatText(value)}</double></value>\n`);
    } else {
      if (value > MAXINT || value < MININT) throw new MarshalError('OverflowError', 'int exceeds XML-RPC limits');
      out.push(`<value><int>${value}</int></value>\n`);
    }
  } else if (typeof value === 'string') {
    const clean = NEEDS_WORK.test(value) ? value.replace(CONTROL_CHARACTERS, '') : value;
    out.push(`<value><string>${escapeXml(clean)}</string></value>\n`);
  } else if (Array.isArray(value)) {
    out.push('<value><array><data>\n');
    for (const item of value) dump(item, out);
    out.push('</data></array></value>\n');
  } else {
    out.push('<value><struct>\n');
    for (const [key, item] of Object.entries(value)) {
      out.push('<member>\n');
      out.push(`<name>${escapeXml(key)}</name>\n`);
      dump(item, out);
      out.push('</member>\n');
    }
    out.push('</struct></value>\n');
  }
}

/** A `methodResponse` carrying one value; throws MarshalError (e.g. for None). */
export function dumpResponse(value: PyValue): string {
  const out: string[] = [];
  dump(value, out);
  return `<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n${out.join('')}</param>\n</params>\n</methodResponse>\n`;
}

/** A fault response; `faultCode` is an int on /xmlrpc/2, a string on the legacy /xmlrpc. */
export function dumpFault(faultCode: number | string, faultString: string): string {
  const out: string[] = [];
  dump({ faultCode, faultString }, out);
  return `<?xml version='1.0'?>\n<methodResponse>\n<fault>\n${out.join('')}</fault>\n</methodResponse>\n`;
}

// ------------------------------------------------------------------------------------------
// Reading a response back: used by tests, which talk to the server over raw HTTP.

export type XmlRpcResponse = { fault: false; value: PyValue } | { fault: true; faultCode: PyValue; faultString: PyValue };

export function parseMethodResponse(body: string): XmlRpcResponse {
  const doc = parseXml(body);
  if (doc.name !== 'methodResponse') throw new XmlRpcParseError(`expected <methodResponse>, got <${doc.name}>`);
  const fault = doc.children.find((c) => c.name === 'fault');
  if (fault) {
    const value = fault.children.find((c) => c.name === 'value');
    const struct = value ? readValue(value) : null;
    const dict = (struct ?? {}) as { [key: string]: PyValue };
    return { fault: true, faultCode: dict.faultCode ?? null, faultString: dict.faultString ?? null };
  }
  const param = doc.children.find((c) => c.name === 'params')?.children.find((c) => c.name === 'param');
  const value = param?.children.find((c) => c.name === 'value');
  if (!value) throw new XmlRpcParseError('response without a value');
  return { fault: false, value: readValue(value) };
}

/** A `methodCall` document, the way Python's client writes one (tests build requests with it). */
export function dumpMethodCall(method: string, params: readonly PyValue[]): string {
  const out: string[] = [];
  for (const p of params) {
    out.push('<param>\n');
    dumpAllowNone(p, out);
    out.push('</param>\n');
  }
  return `<?xml version='1.0'?>\n<methodCall>\n<methodName>${escapeXml(method)}</methodName>\n<params>\n${out.join('')}</params>\n</methodCall>\n`;
}

function dumpAllowNone(value: PyValue, out: string[]): void {
  if (value === null) {
    out.push('<value><nil/></value>');
    return;
  }
  if (Array.isArray(value)) {
    out.push('<value><array><data>\n');
    for (const item of value) dumpAllowNone(item, out);
    out.push('</data></array></value>\n');
    return;
  }
  if (typeof value === 'object' && !(value instanceof PyFloat)) {
    out.push('<value><struct>\n');
    for (const [key, item] of Object.entries(value)) {
      out.push(`<member>\n<name>${escapeXml(key)}</name>\n`);
      dumpAllowNone(item, out);
      out.push('</member>\n');
    }
    out.push('</struct></value>\n');
    return;
  }
  dump(value, out);
}
