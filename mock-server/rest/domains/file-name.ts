/**
 * The extension of a file name as node:path's `extname` gives it on POSIX: from the last `.` of the last segment,
 * `''` when there is none or the name only starts with one (`.bashrc`, `..`). Here so the handlers run in a browser.
 */
export function extname(path: string): string {
  const base = path.replace(/\/+$/, '').split('/').pop() ?? '';
  const dot = base.lastIndexOf('.');
  if (dot <= 0 || base === '..') return '';
  return base.slice(dot);
}
