/**
 * SHA-1 (FIPS 180-4) of a UTF-8 string, as lowercase hex. Synchronous and web-standard, where node:crypto's
 * `createHash` is Node-only and WebCrypto's `digest` is async; used only to derive stable ids, never for security.
 */
export function sha1Hex(text: string): string {
  const words = messageWords(new TextEncoder().encode(text));
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  for (let block = 0; block < words.length; block += 16) compress(h, words.subarray(block, block + 16));
  return h.map((word) => (word >>> 0).toString(16).padStart(8, '0')).join('');
}

/** The padded message as big-endian 32-bit words: the bytes, a 1 bit, zeros, the bit length (whole 64-byte blocks). */
function messageWords(bytes: Uint8Array): Uint32Array {
  const blocks = Math.ceil((bytes.length + 9) / 64);
  const padded = new Uint8Array(blocks * 64);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  const bits = bytes.length * 8;
  view.setUint32(padded.length - 8, Math.floor(bits / 2 ** 32));
  view.setUint32(padded.length - 4, bits >>> 0);
  const words = new Uint32Array(blocks * 16);
  for (let i = 0; i < words.length; i += 1) words[i] = view.getUint32(i * 4);
  return words;
}

const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));

function roundFunction(t: number, b: number, c: number, d: number): number {
  if (t < 20) return ((b & c) | (~b & d)) + 0x5a827999;
  if (t < 40) return (b ^ c ^ d) + 0x6ed9eba1;
  if (t < 60) return ((b & c) | (b & d) | (c & d)) + 0x8f1bbcdc;
  return (b ^ c ^ d) + 0xca62c1d6;
}

/** One 512-bit block into the running hash `h`. */
function compress(h: number[], block: Uint32Array): void {
  const w = new Uint32Array(80);
  w.set(block);
  for (let t = 16; t < 80; t += 1) w[t] = rotl((w[t - 3] ?? 0) ^ (w[t - 8] ?? 0) ^ (w[t - 14] ?? 0) ^ (w[t - 16] ?? 0), 1);
  let [a = 0, b = 0, c = 0, d = 0, e = 0] = h;
  for (let t = 0; t < 80; t += 1) {
    const next = (rotl(a, 5) + roundFunction(t, b, c, d) + e + (w[t] ?? 0)) | 0;
    [e, d, c, b, a] = [d, c, rotl(b, 30), a, next];
  }
  [a, b, c, d, e].forEach((word, i) => (h[i] = ((h[i] ?? 0) + word) | 0));
}
