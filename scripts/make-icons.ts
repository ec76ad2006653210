// Draws the app's icons for the web app manifest (public/icons/*.png) from the favicon's design,
// in Debian's Chromium: `npx tsx scripts/make-icons.ts`. Run again when the design changes; the
// PNGs are committed, so a build needs no browser.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium.ts';

const LINES = '<path d="M9 9h14v3H9zm0 5.5h14v2.5H9zm0 5h9v2.5H9z" fill="#fff"/>';
/** The favicon: a rounded red tile with three lines of text. */
const ROUNDED = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#b3261e"/>${LINES}</svg>`;
/** Maskable: full bleed, the lines inside the middle 80 % that every mask keeps. */
const MASKABLE = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="-6.4 -6.4 44.8 44.8"><rect x="-6.4" y="-6.4" width="44.8" height="44.8" fill="#b3261e"/>${LINES}</svg>`;

const ICONS = [
  { file: 'icon-192.png', size: 192, svg: ROUNDED },
  { file: 'icon-512.png', size: 512, svg: ROUNDED },
  { file: 'maskable-512.png', size: 512, svg: MASKABLE },
  { file: 'apple-touch-icon.png', size: 180, svg: MASKABLE },
];

const browser = await chromium.launch(chromiumLaunchOptions);
const page = await browser.newPage();
for (const { file, size, svg } of ICONS) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
  );
  const target = path.resolve('public/icons', file);
  fs.writeFileSync(target, await page.screenshot({ omitBackground: true }));
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
await browser.close();
