const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an HTML attribute value in double quotes or for element content: markup never gets through. */
export function escapeAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
export { escapeAttribute as escapeHtml };

/** JSON for a `<script type="application/json">`: no `</script>`, `<!--` or line separators can end or change it. */
export function jsonForScript(json: string): string {
  return json.replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
