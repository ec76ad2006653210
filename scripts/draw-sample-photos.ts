// Draws the illustrations used as photos by the bundled sample articles.
// Run once with `npx tsx scripts/draw-sample-photos.ts`; the SVGs are committed.
import fs from 'node:fs';
import { seededRandom } from './seeded-random.ts';

const OUT = 'public/sample-photos';

type Draw = (rnd: () => number, w: number, h: number) => string;

function ridge(
  rnd: () => number,
  width: number,
  height: number,
  base: number,
  amplitude: number,
  steps: number,
): string {
  let d = `M0 ${height} L0 ${base}`;
  for (let i = 1; i <= steps; i++) {
    const x = (width / steps) * i;
    const y = base - rnd() * amplitude;
    d += ` Q${x - width / steps / 2} ${y - amplitude * 0.4} ${x} ${y}`;
  }
  return `${d} L${width} ${height} Z`;
}

const SCENES: Record<string, Draw> = {
  port(rnd, w, h) {
    let s = `<rect y="${h * 0.62}" width="${w}" height="${h * 0.38}" fill="#1d4f73"/>`;
    for (let i = 0; i < 26; i++) {
      const x = rnd() * w,
        y = h * 0.45 + rnd() * h * 0.12;
      const colors = ['#c0392b', '#2e86c1', '#f1c40f', '#27ae60', '#e67e22', '#8e44ad'];
      s += `<rect x="${x}" y="${y}" width="${w * 0.06}" height="${h * 0.05}" fill="${colors[i % 6]}" stroke="#0003"/>`;
    }
    for (let i = 0; i < 3; i++) {
      const x = w * (0.2 + i * 0.3);
      s += `<path d="M${x} ${h * 0.62} L${x} ${h * 0.2} L${x + w * 0.12} ${h * 0.2} M${x - w * 0.03} ${h * 0.25} L${x + w * 0.14} ${h * 0.25}" stroke="#e5e1d8" stroke-width="${w * 0.008}" fill="none"/>`;
    }
    s += `<path d="M${w * 0.05} ${h * 0.66} L${w * 0.7} ${h * 0.66} L${w * 0.64} ${h * 0.78} L${w * 0.1} ${h * 0.78} Z" fill="#2c3e50"/>`;
    return s;
  },
  train(rnd, w, h) {
    let s = `<path d="${ridge(rnd, w, h, h * 0.55, h * 0.2, 5)}" fill="#6b8f71"/>`;
    s += `<rect y="${h * 0.7}" width="${w}" height="${h * 0.3}" fill="#8d7b68"/>`;
    s += `<rect y="${h * 0.71}" width="${w}" height="${h * 0.012}" fill="#444"/><rect y="${h * 0.74}" width="${w}" height="${h * 0.012}" fill="#444"/>`;
    for (let i = 0; i < 5; i++) {
      const x = w * 0.05 + i * w * 0.19;
      s += `<rect x="${x}" y="${h * 0.58}" width="${w * 0.18}" height="${h * 0.12}" rx="${w * 0.01}" fill="${i === 0 ? '#c0392b' : '#ecf0f1'}"/>`;
      s += `<rect x="${x + w * 0.015}" y="${h * 0.6}" width="${w * 0.15}" height="${h * 0.03}" fill="#34495e"/>`;
    }
    return s;
  },
  field(rnd, w, h) {
    let s = `<path d="${ridge(rnd, w, h, h * 0.5, h * 0.15, 4)}" fill="#7fa66b"/>`;
    for (let i = 0; i < 8; i++) {
      const y = h * 0.55 + i * h * 0.06;
      s += `<path d="M0 ${y} Q${w / 2} ${y - h * 0.04} ${w} ${y}" stroke="${i % 2 ? '#c9a227' : '#a8c256'}" stroke-width="${h * 0.05}" fill="none"/>`;
    }
    return s;
  },
  city(rnd, w, h) {
    let s = '';
    for (let layer = 0; layer < 2; layer++) {
      let x = 0;
      while (x < w) {
        const bw = w * (0.05 + rnd() * 0.07),
          bh = h * (0.2 + rnd() * (layer ? 0.3 : 0.45));
        const fill = layer ? '#2c3e50' : '#5d6d7e';
        s += `<rect x="${x}" y="${h * 0.8 - bh}" width="${bw}" height="${bh}" fill="${fill}"/>`;
        for (let wy = h * 0.8 - bh + 8; wy < h * 0.78; wy += h * 0.04) {
          if (rnd() > 0.45)
            s += `<rect x="${x + bw * 0.2}" y="${wy}" width="${bw * 0.6}" height="${h * 0.012}" fill="#f7dc6f" opacity="0.8"/>`;
        }
        x += bw + w * 0.005;
      }
    }
    s += `<rect y="${h * 0.8}" width="${w}" height="${h * 0.2}" fill="#1b2631"/>`;
    return s;
  },
  mountain(rnd, w, h) {
    return (
      `<path d="${ridge(rnd, w, h, h * 0.45, h * 0.3, 3)}" fill="#7d8fa3"/>` +
      `<path d="${ridge(rnd, w, h, h * 0.6, h * 0.2, 4)}" fill="#4d6a5b"/>` +
      `<path d="${ridge(rnd, w, h, h * 0.78, h * 0.1, 6)}" fill="#2f4a3a"/>`
    );
  },
  bridge(rnd, w, h) {
    let s = `<rect y="${h * 0.65}" width="${w}" height="${h * 0.35}" fill="#3a6f8f"/>`;
    s += `<rect y="${h * 0.55}" width="${w}" height="${h * 0.025}" fill="#d5d8dc"/>`;
    for (const x of [w * 0.3, w * 0.7]) {
      s += `<rect x="${x - w * 0.012}" y="${h * 0.2}" width="${w * 0.024}" height="${h * 0.5}" fill="#e5e8e8"/>`;
      for (let i = 1; i <= 6; i++) {
        s += `<line x1="${x}" y1="${h * 0.22}" x2="${x - i * w * 0.035}" y2="${h * 0.55}" stroke="#fdfefe" stroke-width="2"/><line x1="${x}" y1="${h * 0.22}" x2="${x + i * w * 0.035}" y2="${h * 0.55}" stroke="#fdfefe" stroke-width="2"/>`;
      }
    }
    return s;
  },
  stadium(rnd, w, h) {
    let s = `<rect y="${h * 0.35}" width="${w}" height="${h * 0.65}" fill="#2e8b57"/>`;
    for (let i = 0; i < 8; i++)
      s += `<rect x="${(w / 8) * i}" y="${h * 0.35}" width="${w / 16}" height="${h * 0.65}" fill="#3a9d66"/>`;
    s += `<rect x="${w * 0.1}" y="${h * 0.45}" width="${w * 0.8}" height="${h * 0.45}" fill="none" stroke="#fff" stroke-width="4"/>`;
    s += `<circle cx="${w / 2}" cy="${h * 0.675}" r="${h * 0.08}" fill="none" stroke="#fff" stroke-width="4"/>`;
    s += `<rect width="${w}" height="${h * 0.35}" fill="#34495e"/>`;
    for (let i = 0; i < 200; i++)
      s += `<circle cx="${rnd() * w}" cy="${rnd() * h * 0.33}" r="${w * 0.004}" fill="${['#e74c3c', '#f4d03f', '#fdfefe', '#5dade2'][i % 4]}"/>`;
    return s;
  },
  market(rnd, w, h) {
    let s = `<rect y="${h * 0.6}" width="${w}" height="${h * 0.4}" fill="#a04000"/>`;
    for (let i = 0; i < 5; i++) {
      const x = i * w * 0.2;
      s += `<path d="M${x} ${h * 0.35} L${x + w * 0.2} ${h * 0.35} L${x + w * 0.19} ${h * 0.45} L${x + w * 0.01} ${h * 0.45} Z" fill="${i % 2 ? '#e74c3c' : '#f5b041'}"/>`;
      for (let k = 0; k < 12; k++)
        s += `<circle cx="${x + w * 0.03 + (k % 6) * w * 0.028}" cy="${h * 0.55 + Math.floor(k / 6) * h * 0.045}" r="${w * 0.013}" fill="${['#e67e22', '#27ae60', '#c0392b', '#f1c40f'][(i + k) % 4]}"/>`;
    }
    return s;
  },
  solar(rnd, w, h) {
    let s = `<path d="${ridge(rnd, w, h, h * 0.45, h * 0.1, 3)}" fill="#a9b388"/>`;
    for (let row = 0; row < 5; row++) {
      for (let i = 0; i < 7; i++) {
        const x = i * w * 0.145 + row * w * 0.02 - w * 0.03,
          y = h * 0.5 + row * h * 0.1;
        s += `<path d="M${x} ${y} L${x + w * 0.13} ${y} L${x + w * 0.12} ${y + h * 0.07} L${x - w * 0.01} ${y + h * 0.07} Z" fill="#1f3a60" stroke="#8fb3d9" stroke-width="1.5"/>`;
      }
    }
    return s;
  },
};

const SKIES: [string, string][] = [
  ['#f6d365', '#fda085'],
  ['#a1c4fd', '#c2e9fb'],
  ['#0f2027', '#2c5364'],
  ['#fbc2eb', '#a6c1ee'],
  ['#e0eafc', '#cfdef3'],
  ['#ff9a8b', '#ffc3a0'],
];

export const PHOTOS: [string, string, number, number][] = [
  ['port-dawn', 'port', 1200, 750],
  ['port-crane', 'port', 800, 1200],
  ['port-night', 'port', 1200, 675],
  ['rail-west', 'train', 1200, 800],
  ['rail-yard', 'train', 1040, 900],
  ['terrace-fields', 'field', 1200, 800],
  ['wheat-harvest', 'field', 1200, 700],
  ['tea-hills', 'mountain', 900, 1200],
  ['skyline-dusk', 'city', 1200, 800],
  ['skyline-rain', 'city', 800, 1100],
  ['river-bridge', 'bridge', 1200, 700],
  ['bridge-closure', 'bridge', 1000, 900],
  ['stadium-final', 'stadium', 1200, 750],
  ['stadium-crowd', 'stadium', 1200, 900],
  ['night-market', 'market', 1200, 800],
  ['fruit-stall', 'market', 900, 1200],
  ['solar-farm', 'solar', 1200, 700],
  ['solar-rooftop', 'solar', 1000, 800],
  ['snow-peaks', 'mountain', 1200, 750],
  ['old-town', 'city', 1200, 900],
  ['harvest-drone', 'field', 1000, 1000],
];

fs.mkdirSync(OUT, { recursive: true });
PHOTOS.forEach(([name, scene, w, h], index) => {
  const rnd = seededRandom(index * 7919 + 17);
  const [top, bottom] = SKIES[index % SKIES.length] as [string, string];
  const sun = `<circle cx="${w * (0.15 + rnd() * 0.7)}" cy="${h * (0.12 + rnd() * 0.15)}" r="${Math.min(w, h) * 0.06}" fill="#fff7d6" opacity="0.85"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}"><defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient></defs><rect width="${w}" height="${h}" fill="url(#sky)"/>${sun}${(SCENES[scene] as Draw)(rnd, w, h)}</svg>\n`;
  fs.writeFileSync(`${OUT}/${name}.svg`, svg);
});
console.log(`drew ${PHOTOS.length} photos into ${OUT}`);
