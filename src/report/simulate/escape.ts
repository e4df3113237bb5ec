/** HTML escaping for the html report and its inline SVG charts. */
import { stripInvalidXml } from '../xml.js';

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes user text (product names, roles, tiers, paths) for element content and
 * double- or single-quoted attribute values alike. Characters no HTML/XML document may contain
 * (C0 controls, lone surrogates) are dropped.
 */
export function escapeHtml(text: string): string {
  return stripInvalidXml(String(text)).replace(/[&<>"']/g, (ch) => ENTITY[ch] ?? ch);
}
