// Draws the tray icons (idle / deploying / failed, for light and dark bars, at 1x and @2x) as PNG
// files in resources/, with no image tools: the same three "mist" lines as the app icon, plus a
// blue dot while deploying and a red one after a failure. Run: node scripts/make-tray-icons.mjs
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

const SAMPLES = 4; // 4×4 samples per pixel: smooth edges at 16 px
/** A PNG of size×size where `paint(u, v)` gives the [r, g, b, a] at a point of the unit square. */
function png(size, paint) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const [r, g, b, a] = paint((x + (sx + 0.5) / SAMPLES) / size, (y + (sy + 0.5) / SAMPLES) / size);
          sum[0] += r * a;
          sum[1] += g * a;
          sum[2] += b * a;
          sum[3] += a;
        }
      }
      const alpha = sum[3] / (SAMPLES * SAMPLES);
      const pixel = alpha === 0 ? [0, 0, 0, 0] : [sum[0] / sum[3], sum[1] / sum[3], sum[2] / sum[3], alpha];
      raw.set(pixel.map(Math.round), y * (size * 4 + 1) + 1 + x * 4);
    }
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

const LINES = [
  { y: 0.24, from: 0.08, to: 0.72 },
  { y: 0.5, from: 0.18, to: 0.92 },
  { y: 0.76, from: 0.04, to: 0.6 },
];
const HALF = 0.075; // half the line thickness, rounded caps
function onLine(u, v) {
  return LINES.some((l) => {
    const dx = Math.max(l.from - u, 0, u - l.to);
    const dy = v - l.y;
    return dx * dx + dy * dy <= HALF * HALF;
  });
}
const DOT = { u: 0.78, v: 0.78, r: 0.2, ring: 0.3 };
const near = (u, v, r) => (u - DOT.u) ** 2 + (v - DOT.v) ** 2 <= r * r;

const GLYPH = { light: [28, 31, 36], dark: [236, 239, 243] }; // the bar's theme: dark lines on a light bar
const BADGE = { deploying: [47, 128, 255], failed: [229, 72, 77] };

function tray(state, theme) {
  return (u, v) => {
    if (state !== 'idle') {
      if (near(u, v, DOT.r)) return [...BADGE[state], 255];
      if (near(u, v, DOT.ring)) return [0, 0, 0, 0]; // a clear ring keeps the dot apart from the lines
    }
    return onLine(u, v) ? [...GLYPH[theme], 255] : [0, 0, 0, 0];
  };
}

for (const state of ['idle', 'deploying', 'failed']) {
  for (const theme of ['light', 'dark']) {
    const name = `tray-${state}-${theme}`;
    writeFileSync(`resources/${name}.png`, png(16, tray(state, theme)));
    writeFileSync(`resources/${name}@2x.png`, png(32, tray(state, theme)));
    console.log(`wrote resources/${name}.png and @2x`);
  }
}
