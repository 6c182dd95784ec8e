import { l10nLanguage } from './l10n';

/**
 * JSON for a `<script type="application/json">` element: `<` written as \u003c cannot end the
 * element, and the two line separators JavaScript once treated as line ends are escaped too.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Escapes text for HTML element content or a quoted attribute value: every page we write uses this. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The head every page we write starts with: the language of its words, its own security policy,
 * and its title, escaped; then a stylesheet link or inline styles where the page has them.
 */
export function pageHead(o: {
  /** The policy as the attribute holds it: escape it (`escapeHtml`) when it takes in any text not written here. */
  cspAttribute: string;
  title: string;
  stylesheet?: string;
  style?: string;
}): string {
  return `<!DOCTYPE html>
<html lang="${escapeHtml(l10nLanguage())}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${o.cspAttribute}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${o.stylesheet ? `<link rel="stylesheet" href="${escapeHtml(o.stylesheet)}">\n` : ''}<title>${escapeHtml(o.title)}</title>
${o.style ? `<style>\n${o.style}\n</style>\n` : ''}</head>
`;
}
