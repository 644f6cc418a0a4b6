/**
 * Writes a title into a PNG file (an `iTXt` chunk, keyword "Title", UTF-8), so that the image
 * says what it shows to the tools that read it (file managers, image viewers, search).
 */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The PNG with a Title chunk right after its header chunk (IHDR: 8 + 25 bytes from the start). */
export function withPngTitle(png: Uint8Array, title: string): Uint8Array<ArrayBuffer> {
  const text = new TextEncoder().encode(title);
  // keyword, NUL, not compressed, method 0, no language tag (NUL), no translated keyword (NUL), text
  const data = new Uint8Array([...new TextEncoder().encode('Title'), 0, 0, 0, 0, 0, ...text]);
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  chunk.set(new TextEncoder().encode('iTXt'), 4);
  chunk.set(data, 8);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  const at = 33;
  const out = new Uint8Array(png.length + chunk.length);
  out.set(png.subarray(0, at), 0);
  out.set(chunk, at);
  out.set(png.subarray(at), at + chunk.length);
  return out;
}
