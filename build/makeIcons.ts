/**
 * Draws the app icon (a white "C" ring on a rounded blue square) and writes it in the three forms
 * electron-builder takes: build/icons/icon.png (1024×1024), icon.ico (PNG entries 16–256, Windows)
 * and icon.icns (PNG entries 128–1024, macOS); and the tray's images, one per sync indicator
 * (the icon with a status dot cut into its corner; offline greys the icon and hollows the dot) at
 * 16 px and @2x 32 px in build/icons/tray (names as electron/trayImages.ts reads them).
 * Node only, no image tools: `npm run icons`. The output is committed; rerun after changing the drawing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

type Rgb = readonly [number, number, number];
/** The colour at one point of the unit square, or null where the image is transparent. */
type Paint = (x: number, y: number) => Rgb | null;

const blue: Rgb = [0x24, 0x57, 0xc5];
const white: Rgb = [0xff, 0xff, 0xff];
const grey: Rgb = [0x6b, 0x72, 0x80];

/** Coverage of one point of the unit square by the icon's shapes: 0 transparent, 1 background, 2 mark. */
function shapeAt(x: number, y: number): 0 | 1 | 2 {
  const margin = 0.06;
  const radius = 0.2;
  const cx = Math.min(Math.max(x, margin + radius), 1 - margin - radius);
  const cy = Math.min(Math.max(y, margin + radius), 1 - margin - radius);
  if (Math.hypot(x - cx, y - cy) > radius) return 0;
  const dx = x - 0.5;
  const dy = y - 0.5;
  const r = Math.hypot(dx, dy);
  const isRing = r > 0.2 && r < 0.31;
  const isGap = dx > 0 && Math.abs(dy) < 0.11;
  return isRing && !isGap ? 2 : 1;
}

const appIcon = (background: Rgb): Paint => (x, y) => {
  const shape = shapeAt(x, y);
  return shape === 0 ? null : shape === 1 ? background : white;
};

/** The tray's indicators (electron/syncStatus.ts SyncIndicator; the packaging test checks they agree). */
export const trayIndicators = ['online', 'offline', 'syncing', 'changesWaiting'] as const;
export type TrayIndicator = (typeof trayIndicators)[number];

/** Each indicator's dot; offline also greys the icon and hollows the dot (not told by colour alone). */
const dotColour = { online: [0x1e, 0xa0, 0x4e], syncing: [0x0e, 0x9f, 0xd8], changesWaiting: [0xf0, 0x9a, 0x0b], offline: grey } as const satisfies Record<TrayIndicator, Rgb>;

/** The icon with a status dot in its lower right corner, cut out of the icon by a transparent gap. */
function trayIcon(indicator: TrayIndicator): Paint {
  const isOffline = indicator === 'offline';
  const base = appIcon(isOffline ? grey : blue);
  return (x, y) => {
    const r = Math.hypot(x - 0.76, y - 0.76);
    if (r < 0.24) return isOffline && r < 0.13 ? null : dotColour[indicator];
    if (r < 0.31) return null;
    return base(x, y);
  };
}

/** RGBA pixels of `paint` at `size`, 4×4 supersampled. */
function draw(size: number, paint: Paint): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [red, green, blueSum, covered] = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = paint((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (!colour) continue;
          covered++;
          red += colour[0];
          green += colour[1];
          blueSum += colour[2];
        }
      }
      if (covered === 0) continue;
      const i = (py * size + px) * 4;
      pixels.set([red, green, blueSum].map((sum) => Math.round(sum / covered)), i);
      pixels[i + 3] = Math.round((255 * covered) / (samples * samples));
    }
  }
  return pixels;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG of `paint` at `size`. */
export function pngOf(size: number, paint: Paint): Buffer {
  const rgba = draw(size, paint);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** A PNG of the app icon at `size`. */
export function png(size: number): Buffer {
  return pngOf(size, appIcon(blue));
}

/** A tray image: the icon at `size` with the indicator's dot. */
export function trayPng(indicator: TrayIndicator, size: number): Buffer {
  return pngOf(size, trayIcon(indicator));
}

/** An .ico of PNG entries (Windows Vista and later read PNG entries). */
export function ico(sizes: readonly number[]): Buffer {
  const images = sizes.map((size) => ({ size, data: png(size) }));
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, data }, n) => {
    const e = 6 + 16 * n;
    header.writeUInt8(size >= 256 ? 0 : size, e);
    header.writeUInt8(size >= 256 ? 0 : size, e + 1);
    header.writeUInt16LE(1, e + 4);
    header.writeUInt16LE(32, e + 6);
    header.writeUInt32LE(data.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.data)]);
}

/** An .icns of PNG entries: ic07 128, ic08 256, ic09 512, ic10 1024 (512@2x). */
export function icns(): Buffer {
  const entries = (
    [
      ['ic07', 128],
      ['ic08', 256],
      ['ic09', 512],
      ['ic10', 1024],
    ] as const
  ).map(([type, size]) => {
    const data = png(size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const body = Buffer.concat(entries);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

if (process.argv[1]?.endsWith('makeIcons.ts')) {
  mkdirSync('build/icons', { recursive: true });
  writeFileSync('build/icons/icon.png', png(1024));
  writeFileSync('build/icons/icon.ico', ico([16, 24, 32, 48, 64, 128, 256]));
  writeFileSync('build/icons/icon.icns', icns());
  mkdirSync('build/icons/tray', { recursive: true });
  for (const indicator of trayIndicators) {
    writeFileSync(`build/icons/tray/tray-${indicator}.png`, trayPng(indicator, 16));
    writeFileSync(`build/icons/tray/tray-${indicator}@2x.png`, trayPng(indicator, 32));
  }
  console.log('wrote build/icons/icon.png, icon.ico, icon.icns and build/icons/tray/tray-*.png (16 px, @2x 32 px)');
}
