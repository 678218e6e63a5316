/**
 * Renders public/icon.svg to the PNG app icons and packs public/favicon.ico (PNG-in-ICO),
 * with Debian's headless Chromium:
 *
 *   node scripts/icons.mjs
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const publicDir = path.resolve(import.meta.dirname, '..', 'public');
const work = mkdtempSync(path.join(tmpdir(), 'icons-'));

function render(size) {
  const page = path.join(work, `icon-${size}.html`);
  const out = path.join(work, `icon-${size}.png`);
  writeFileSync(page, `<html><body style="margin:0"><img src="file://${publicDir}/icon.svg" width="${size}" height="${size}" style="display:block"></body></html>`);
  const result = spawnSync('/usr/bin/chromium', [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--hide-scrollbars',
    '--default-background-color=00000000', `--window-size=${size},${size}`, `--screenshot=${out}`, `file://${page}`,
  ], { stdio: 'ignore', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`chromium failed to render ${size}px (exit ${result.status})`);
  return readFileSync(out);
}

/** An ICO file whose images are PNGs (supported by every current browser). */
function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, index) => {
    const entry = 6 + 16 * index;
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map(({ png }) => png)]);
}

writeFileSync(path.join(publicDir, 'favicon.ico'), ico([16, 32, 48].map((size) => ({ size, png: render(size) }))));
for (const [name, size] of [['apple-touch-icon.png', 180], ['icon-192.png', 192], ['icon-512.png', 512]]) {
  writeFileSync(path.join(publicDir, name), render(size));
}
process.stdout.write(`wrote icons to ${publicDir}\n`);
