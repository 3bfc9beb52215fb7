import { extname as nodeExtname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extname } from './file-name.js';

describe('extname', () => {
  it('answers as node:path does on POSIX', () => {
    const names = ['a.txt', 'a', '.bashrc', '..', '...', 'a.', 'a..', '..a', '.a.b', 'a/b.c', 'a.b/c', 'a.txt/', '/', '', '.', 'x.tar.gz', 'dir/.hidden', 'dir/..', 'photo.JPG', '....'];
    for (const name of names) expect(extname(name), name).toBe(nodeExtname(name));
  });
});
