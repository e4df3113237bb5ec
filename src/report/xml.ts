/** XML 1.0 text and attribute escaping shared by the JUnit formatters. */

// Characters XML 1.0 does not allow at all: C0 controls other than tab, LF and CR; U+FFFE/U+FFFF.
// eslint-disable-next-line no-control-regex
const INVALID_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
// Lone surrogates (a split astral character) are not characters either.
const LONE_SURROGATE_RE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Drops characters that cannot appear in an XML 1.0 document, even escaped. */
export function stripInvalidXml(text: string): string {
  return text.replace(INVALID_RE, '').replace(LONE_SURROGATE_RE, '');
}

/** Escapes element content. */
export function xmlText(text: string): string {
  return stripInvalidXml(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value (double-quoted); line breaks and tabs survive as character references. */
export function xmlAttr(text: string): string {
  return xmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

/** `name="value"` pairs; undefined values are left out. */
export function xmlAttrs(attrs: Record<string, string | number | undefined>): string {
  return Object.entries(attrs)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${xmlAttr(String(value))}"`)
    .join('');
}

/** Seconds with millisecond precision, as JUnit readers expect in `time`. */
export function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
