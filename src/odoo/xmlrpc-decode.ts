/**
 * A minimal XML-RPC response reader, used only for `common.version` during version detection:
 * the odoo-xmlrpc package offers `authenticate` and `execute_kw` but no way to call `version`.
 * It reads what Python's xmlrpc.client writes (no attributes, no CDATA, standard entities).
 */

export type XmlRpcResponse = { fault: { faultCode: unknown; faultString: string } } | { value: unknown };

export const VERSION_CALL = '<?xml version="1.0"?><methodCall><methodName>version</methodName><params></params></methodCall>';

type Token = { tag: string; close: boolean; empty: boolean } | { text: string };

function tokenize(xml: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<(\/?)([A-Za-z][\w.:-]*)\s*(\/?)>|([^<]+)/g;
  for (const match of xml.matchAll(pattern)) {
    if (match[2] !== undefined) tokens.push({ tag: match[2], close: match[1] === '/', empty: match[3] === '/' });
    else if (match[4] !== undefined) tokens.push({ text: match[4] });
  }
  return tokens;
}

function unescape(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, entity: string) => {
    if (entity === 'lt') return '<';
    if (entity === 'gt') return '>';
    if (entity === 'amp') return '&';
    if (entity === 'quot') return '"';
    if (entity === 'apos') return "'";
    return String.fromCodePoint(entity.startsWith('#x') ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10));
  });
}

class Reader {
  #index = 0;
  constructor(private readonly tokens: Token[]) {}

  #skipBlank(): void {
    for (;;) {
      const token = this.tokens[this.#index];
      if (token && 'text' in token && token.text.trim() === '') this.#index++;
      else return;
    }
  }

  peekTag(): string | undefined {
    this.#skipBlank();
    const token = this.tokens[this.#index];
    return token && 'tag' in token && !token.close ? token.tag : undefined;
  }

  open(tag: string): boolean {
    this.#skipBlank();
    const token = this.tokens[this.#index];
    if (!token || !('tag' in token) || token.close || token.tag !== tag) throw new Error(`expected <${tag}>`);
    this.#index++;
    return token.empty;
  }

  close(tag: string): void {
    this.#skipBlank();
    const token = this.tokens[this.#index];
    if (!token || !('tag' in token) || !token.close || token.tag !== tag) throw new Error(`expected </${tag}>`);
    this.#index++;
  }

  text(): string {
    const token = this.tokens[this.#index];
    if (token && 'text' in token) {
      this.#index++;
      return unescape(token.text);
    }
    return '';
  }

  value(): unknown {
    if (this.open('value')) return '';
    const inner = this.peekTag();
    let result: unknown;
    if (inner === undefined) {
      result = this.text(); // <value>text</value> is a string
    } else {
      const empty = this.open(inner);
      result = empty ? this.#emptyScalar(inner) : this.#typed(inner);
      if (!empty) this.close(inner);
    }
    this.close('value');
    return result;
  }

  #emptyScalar(tag: string): unknown {
    return tag === 'nil' ? null : tag === 'array' ? [] : tag === 'struct' ? {} : '';
  }

  #typed(tag: string): unknown {
    switch (tag) {
      case 'string':
      case 'dateTime.iso8601':
      case 'base64':
        return this.text();
      case 'int':
      case 'i4':
      case 'i8':
      case 'double':
        return Number(this.text().trim());
      case 'boolean':
        return this.text().trim() === '1';
      case 'nil':
        return null;
      case 'array': {
        const items: unknown[] = [];
        if (!this.open('data')) {
          while (this.peekTag() === 'value') items.push(this.value());
          this.close('data');
        }
        return items;
      }
      case 'struct': {
        const out: Record<string, unknown> = {};
        while (this.peekTag() === 'member') {
          this.open('member');
          this.open('name');
          const name = this.text();
          this.close('name');
          out[name] = this.value();
          this.close('member');
        }
        return out;
      }
      default:
        throw new Error(`unknown XML-RPC type <${tag}>`);
    }
  }
}

/** Throws when the text is not an XML-RPC methodResponse. */
export function decodeXmlRpcResponse(xml: string): XmlRpcResponse {
  const reader = new Reader(tokenize(xml));
  reader.open('methodResponse');
  if (reader.peekTag() === 'fault') {
    reader.open('fault');
    const fault = reader.value() as Record<string, unknown>;
    return { fault: { faultCode: fault.faultCode, faultString: String(fault.faultString ?? '') } };
  }
  reader.open('params');
  reader.open('param');
  return { value: reader.value() };
}
