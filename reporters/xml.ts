const ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };

/** Whether a character may stand in XML 1.0 text (tab, newline and carriage return are the only controls allowed). */
function allowed(char: string): boolean {
  const code = char.charCodeAt(0);
  return code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** Escapes text for XML/HTML content and attributes, dropping the control characters XML cannot carry. */
export function escapeXml(text: string): string {
  return [...text].filter(allowed).map((c) => ENTITIES[c] ?? c).join('');
}
