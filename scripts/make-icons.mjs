// Draws the app icon (a rounded square with three "mist" lines) as PNG files in resources/, with no
// image tools needed. Run: node scripts/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { png } from './lib/png.mjs';

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
const SIZE = 512;
writeFileSync(
  'resources/icon.png',
  png(SIZE, (x, y) => icon(x / SIZE, y / SIZE)),
);
console.log('wrote resources/icon.png');
