// Draws the tray icons (idle / deploying / failed, for light and dark bars, at 1x and @2x) as PNG
// files in resources/, with no image tools: the same three "mist" lines as the app icon, plus a
// blue dot while deploying and a red one after a failure. Run: node scripts/make-tray-icons.mjs
import { writeFileSync } from 'node:fs';
import { png } from './lib/png.mjs';

const SAMPLES = 4; // 4×4 samples per pixel: smooth edges at 16 px
/** A size×size PNG where `paint(u, v)` gives the [r, g, b, a] at a point of the unit square. */
function antialiased(size, paint) {
  return png(size, (x, y) => {
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
    return pixel.map(Math.round);
  });
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
    writeFileSync(`resources/${name}.png`, antialiased(16, tray(state, theme)));
    writeFileSync(`resources/${name}@2x.png`, antialiased(32, tray(state, theme)));
    console.log(`wrote resources/${name}.png and @2x`);
  }
}
