// Draws build/icon.png (512×512): a Go-blue rounded square with a white "G>". No dependencies:
// shapes are signed distance fields (anti-aliased by coverage) and the PNG is written with zlib.
// Run: node build/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const TOP = [0x00, 0xad, 0xd8]; // Go blue
const BOTTOM = [0x00, 0x7d, 0x9c];
const INK = [0xff, 0xff, 0xff];
const STROKE = 38;

const clamp01 = (v) => Math.min(1, Math.max(0, v));
const coverage = (distance) => clamp01(0.5 - distance);

function roundedSquare(x, y) {
  const center = SIZE / 2;
  const half = 208;
  const radius = 92;
  const qx = Math.abs(x - center) - (half - radius);
  const qy = Math.abs(y - center) - (half - radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

function segment(x, y, ax, ay, bx, by) {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const t = clamp01((px * dx + py * dy) / (dx * dx + dy * dy));
  return Math.hypot(px - dx * t, py - dy * t);
}

// "G": a ring open at the upper right, and a bar from its middle to the right edge.
const G = { cx: 200, cy: 256, r: 92, gapFrom: 8, gapTo: 50 };
function letterG(x, y) {
  const dx = x - G.cx;
  const dy = G.cy - y; // y up, so angles read like a maths textbook
  const angle = (Math.atan2(dy, dx) * 180) / Math.PI;
  let ring;
  if (angle > G.gapFrom && angle < G.gapTo) {
    const end = (deg) => [G.cx + G.r * Math.cos((deg * Math.PI) / 180), G.cy - G.r * Math.sin((deg * Math.PI) / 180)];
    const [ax, ay] = end(G.gapFrom);
    const [bx, by] = end(G.gapTo);
    ring = Math.min(Math.hypot(x - ax, y - ay), Math.hypot(x - bx, y - by));
  } else {
    ring = Math.abs(Math.hypot(dx, dy) - G.r);
  }
  const bar = segment(x, y, G.cx + 10, G.cy, G.cx + G.r, G.cy);
  return Math.min(ring, bar) - STROKE / 2;
}

// ">": two strokes meeting at a point.
function chevron(x, y) {
  const left = 340;
  const right = 414;
  const mid = 256;
  const half = 66;
  return Math.min(segment(x, y, left, mid - half, right, mid), segment(x, y, right, mid, left, mid + half)) - STROKE / 2;
}

function pixel(x, y) {
  // 4×4 supersampling on the square's edge; the glyphs' SDF coverage is smooth already.
  let square = 0;
  for (let sy = 0; sy < 4; sy += 1) {
    for (let sx = 0; sx < 4; sx += 1) square += coverage(roundedSquare(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4)) / 16;
  }
  const cx = x + 0.5;
  const cy = y + 0.5;
  const ink = coverage(Math.min(letterG(cx, cy), chevron(cx, cy)));
  const t = y / SIZE;
  const rgb = TOP.map((top, i) => Math.round(top + (BOTTOM[i] - top) * t + (INK[i] - (top + (BOTTOM[i] - top) * t)) * ink));
  return [...rgb, Math.round(255 * square)];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

export function renderIcon() {
  const raw = Buffer.alloc(SIZE * (1 + SIZE * 4));
  for (let y = 0; y < SIZE; y += 1) {
    const row = y * (1 + SIZE * 4);
    raw[row] = 0; // filter: none
    for (let x = 0; x < SIZE; x += 1) {
      const [r, g, b, a] = pixel(x, y);
      raw.set([r, g, b, a], row + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const target = join(dirname(fileURLToPath(import.meta.url)), 'icon.png');
  writeFileSync(target, renderIcon());
  console.log(`wrote ${target}`);
}
