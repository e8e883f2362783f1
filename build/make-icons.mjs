// Draws Berth's icon (stacked containers on a quay, on a rounded navy tile) as PNGs at every
// size the installers need, with nothing but node:zlib. Run: node build/make-icons.mjs
// Writes build/icon.png (1024, from which electron-builder derives .icns and .ico) and
// build/icons/NxN.png (the Linux set).
import { Buffer } from 'node:buffer';
import console from 'node:console';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const linuxSizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const samplesPerAxis = 4;

function roundedRect(x0, y0, x1, y1, r) {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}

function container(x0, y0, x1, y1, body, ribs) {
  const box = roundedRect(x0, y0, x1, y1, 0.012);
  const ribCount = 5;
  const ribWidth = (x1 - x0) / (ribCount * 4);
  return [
    { inside: box, color: body },
    {
      inside: (x, y) => {
        if (!box(x, y) || y < y0 + 0.025 || y > y1 - 0.025) return false;
        const step = (x1 - x0) / ribCount;
        const offset = (x - x0 - step / 2 + ribWidth / 2) % step;
        return offset >= 0 && offset < ribWidth;
      },
      color: ribs,
    },
  ];
}

// Painted in order; the last shape containing a point gives its colour.
const shapes = [
  { inside: roundedRect(0.04, 0.04, 0.96, 0.96, 0.2), color: [15, 42, 61, 255] },
  {
    inside: (x, y) => roundedRect(0.04, 0.04, 0.96, 0.96, 0.2)(x, y) && y > 0.74,
    color: [30, 136, 181, 255],
  },
  {
    inside: (x, y) =>
      roundedRect(0.04, 0.04, 0.96, 0.96, 0.2)(x, y) &&
      y > 0.8 &&
      Math.sin((x - 0.04) * 38) * 0.012 + 0.83 < y &&
      y < Math.sin((x - 0.04) * 38) * 0.012 + 0.86,
    color: [120, 200, 230, 255],
  },
  { inside: roundedRect(0.14, 0.7, 0.86, 0.76, 0.01), color: [200, 208, 216, 255] },
  ...container(0.17, 0.52, 0.49, 0.69, [240, 140, 46, 255], [196, 104, 24, 255]),
  ...container(0.51, 0.52, 0.83, 0.69, [46, 196, 182, 255], [24, 150, 140, 255]),
  ...container(0.33, 0.33, 0.67, 0.5, [233, 236, 239, 255], [180, 188, 196, 255]),
];

function draw(size) {
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samplesPerAxis; sy++) {
        for (let sx = 0; sx < samplesPerAxis; sx++) {
          const x = (px + (sx + 0.5) / samplesPerAxis) / size;
          const y = (py + (sy + 0.5) / samplesPerAxis) / size;
          let color = [0, 0, 0, 0];
          for (const shape of shapes) if (shape.inside(x, y)) color = shape.color;
          // Premultiplied, so edges blend towards transparent rather than towards black.
          sum[0] += (color[0] * color[3]) / 255;
          sum[1] += (color[1] * color[3]) / 255;
          sum[2] += (color[2] * color[3]) / 255;
          sum[3] += color[3];
        }
      }
      const n = samplesPerAxis * samplesPerAxis;
      const alpha = sum[3] / n;
      const at = (py * size + px) * 4;
      pixels[at] = alpha === 0 ? 0 : Math.round((sum[0] / n / alpha) * 255);
      pixels[at + 1] = alpha === 0 ? 0 : Math.round((sum[1] / n / alpha) * 255);
      pixels[at + 2] = alpha === 0 ? 0 : Math.round((sum[2] / n / alpha) * 255);
      pixels[at + 3] = Math.round(alpha);
    }
  }
  return encodePng(size, size, pixels);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (width * 4 + 1)] = 0; // no filter
    rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(path.join(here, 'icons'), { recursive: true });
for (const size of linuxSizes) {
  const png = draw(size);
  writeFileSync(path.join(here, 'icons', `${size}x${size}.png`), png);
  if (size === 1024) writeFileSync(path.join(here, 'icon.png'), png);
}
console.log(`Wrote build/icon.png and ${linuxSizes.length} sizes under build/icons/`);
