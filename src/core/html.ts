/** Escapes text for HTML element content or a quoted attribute value: every page we write uses this. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
