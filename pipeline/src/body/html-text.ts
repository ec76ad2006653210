/** Text for HTML: `&`, `<`, `>` and quotes escaped, so that it is shown, never parsed as markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
