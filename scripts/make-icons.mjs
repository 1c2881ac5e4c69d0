// Draws the app icon (a rounded square with three "mist" lines) as PNG files in resources/, with no
// image tools needed. Run: node scripts/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(8 + data.length + 4);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) raw.set(pixel(x / size, y / size), y * (size * 4 + 1) + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
function insideRoundedSquare(u, v, radius) {
  const dx = Math.max(Math.abs(u - 0.5) - (0.5 - radius), 0);
  const dy = Math.max(Math.abs(v - 0.5) - (0.5 - radius), 0);
  return dx * dx + dy * dy <= radius * radius;
}
const LINES = [
  { y: 0.36, from: 0.24, to: 0.7 },
  { y: 0.5, from: 0.3, to: 0.78 },
  { y: 0.64, from: 0.22, to: 0.62 },
];
function onLine(u, v) {
  return LINES.some((l) => Math.abs(v - l.y) < 0.045 && u > l.from && u < l.to);
}
function icon(u, v) {
  if (!insideRoundedSquare(u, v, 0.2)) return [0, 0, 0, 0];
  if (onLine(u, v)) return [255, 255, 255, 255];
  const t = v; // top-to-bottom gradient
  return [Math.round(40 + 20 * t), Math.round(90 + 30 * t), Math.round(220 - 40 * t), 255];
}
writeFileSync('resources/icon.png', png(512, icon));
console.log('wrote resources/icon.png');
