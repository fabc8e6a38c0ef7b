import sharp from 'sharp';

export type Motif = 'sun' | 'flowers' | 'blocks' | 'trees' | 'balloons' | 'waves' | 'school';

/** A deterministic pseudo-random sequence so a seed image is the same on every machine. */
function sequence(seed: number): () => number {
  let state = seed % 2147483647 || 1;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}

function shapes(motif: Motif, hue: number, next: () => number, width: number, height: number): string {
  if (motif === 'school') return schoolFront(hue, next, width, height);
  const color = (shift: number, light = 60) => `hsl(${(hue + shift) % 360} 70% ${light}%)`;
  const out: string[] = [];
  const count = 5 + Math.floor(next() * 5);
  for (let i = 0; i < count; i += 1) {
    const x = next() * width;
    const y = height * 0.25 + next() * height * 0.6;
    const size = 40 + next() * 120;
    const fill = color(i * 37, 45 + next() * 25);
    switch (motif) {
      case 'sun':
        out.push(`<circle cx="${x}" cy="${y * 0.6}" r="${size}" fill="${fill}" opacity="0.85"/>`);
        break;
      case 'flowers':
        for (let p = 0; p < 6; p += 1) {
          const a = (p / 6) * Math.PI * 2;
          out.push(`<circle cx="${x + Math.cos(a) * size * 0.5}" cy="${y + Math.sin(a) * size * 0.5}" r="${size * 0.35}" fill="${fill}"/>`);
        }
        out.push(`<circle cx="${x}" cy="${y}" r="${size * 0.3}" fill="${color(50, 75)}"/>`);
        break;
      case 'blocks':
        out.push(`<rect x="${x}" y="${y}" width="${size}" height="${size}" rx="12" fill="${fill}" transform="rotate(${next() * 30 - 15} ${x} ${y})"/>`);
        break;
      case 'trees':
        out.push(`<rect x="${x - 10}" y="${y}" width="20" height="${size}" fill="hsl(30 45% 35%)"/>`);
        out.push(`<circle cx="${x}" cy="${y}" r="${size * 0.7}" fill="${color(90, 40 + next() * 20)}"/>`);
        break;
      case 'balloons':
        out.push(`<line x1="${x}" y1="${y * 0.7 + size}" x2="${x + 20}" y2="${height}" stroke="#555" stroke-width="2"/>`);
        out.push(`<ellipse cx="${x}" cy="${y * 0.7}" rx="${size * 0.6}" ry="${size * 0.8}" fill="${fill}"/>`);
        break;
      case 'waves':
        out.push(`<path d="M0 ${y} Q ${width / 4} ${y - size} ${width / 2} ${y} T ${width} ${y} V ${height} H 0 Z" fill="${fill}" opacity="0.5"/>`);
        break;
    }
  }
  return out.join('');
}

/**
 * The school's front seen from the playground: a two-storey kindergarten with a red roof, a flag and
 * a lawn, so the home page opens on something that looks like a school rather than abstract shapes.
 */
function schoolFront(hue: number, next: () => number, width: number, height: number): string {
  const out: string[] = [];
  const ground = height * 0.78;
  const left = width * 0.18;
  const right = width * 0.82;
  const top = height * 0.34;
  const wall = `hsl(${(hue + 20) % 360} 75% 80%)`;
  out.push(`<rect y="${ground}" width="${width}" height="${height - ground}" fill="hsl(115 45% 55%)"/>`);
  out.push(`<rect x="${left}" y="${top}" width="${right - left}" height="${ground - top}" fill="${wall}"/>`);
  out.push(`<polygon points="${left - 30},${top} ${width / 2},${top - height * 0.16} ${right + 30},${top}" fill="hsl(8 70% 52%)"/>`);
  // Two storeys of windows, each a different bright colour, as kindergartens paint them.
  const columns = 6;
  const step = (right - left) / columns;
  for (let row = 0; row < 2; row += 1) {
    for (let col = 0; col < columns; col += 1) {
      // The door takes the middle of the ground floor.
      if (row === 1 && (col === 2 || col === 3)) continue;
      const x = left + col * step + step * 0.2;
      const y = top + (ground - top) * (0.12 + row * 0.42);
      const shade = `hsl(${(hue + col * 55 + row * 25) % 360} 70% 58%)`;
      out.push(`<rect x="${x}" y="${y}" width="${step * 0.6}" height="${(ground - top) * 0.26}" rx="8" fill="${shade}"/>`);
    }
  }
  out.push(
    `<rect x="${width / 2 - step * 0.4}" y="${ground - (ground - top) * 0.34}" width="${step * 0.8}" height="${(ground - top) * 0.34}" rx="10" fill="hsl(30 50% 38%)"/>`,
  );
  // The flag on its pole, left of the building.
  const pole = width * 0.09;
  out.push(`<rect x="${pole}" y="${height * 0.2}" width="6" height="${ground - height * 0.2}" fill="#777"/>`);
  out.push(`<rect x="${pole + 6}" y="${height * 0.2}" width="${width * 0.07}" height="${height * 0.07}" fill="hsl(0 80% 48%)"/>`);
  const [fx, fy, fr] = [pole + 6 + width * 0.035, height * 0.235, height * 0.022];
  const star = Array.from({ length: 10 }, (_, i) => {
    const r = i % 2 === 0 ? fr : fr * 0.4;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    return `${fx + Math.cos(a) * r},${fy + Math.sin(a) * r}`;
  }).join(' ');
  out.push(`<polygon points="${star}" fill="hsl(55 95% 55%)"/>`);
  // Trees on both sides and a sun.
  for (const x of [width * 0.04, width * 0.93, width * 0.97]) {
    const size = 50 + next() * 40;
    out.push(`<rect x="${x - 8}" y="${ground - size}" width="16" height="${size}" fill="hsl(30 45% 35%)"/>`);
    out.push(`<circle cx="${x}" cy="${ground - size}" r="${size * 0.8}" fill="hsl(${110 + next() * 30} 45% 42%)"/>`);
  }
  out.push(`<circle cx="${width * 0.88}" cy="${height * 0.14}" r="${height * 0.07}" fill="hsl(48 95% 60%)"/>`);
  return out.join('');
}

/** A JPEG illustration drawn locally (nothing is downloaded): a sky, a lawn and the motif's shapes. */
export async function demoImage(motif: Motif, hue: number, seed: number, width = 1200, height = 800): Promise<Buffer> {
  const next = sequence(seed * 7919 + hue);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="hsl(${hue} 80% 88%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360} 70% 96%)"/>
    </linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#sky)"/>
    <rect y="${height * 0.78}" width="100%" height="${height * 0.22}" fill="hsl(${(hue + 120) % 360} 45% 62%)"/>
    ${shapes(motif, hue, next, width, height)}
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 82, mozjpeg: true }).toBuffer();
}

/**
 * The school's demo logo, drawn locally: a sun over a house with two children, inside a ring. No text,
 * because the machines that seed may lack fonts with Vietnamese diacritics; the name is written next to it.
 */
export async function demoLogo(size = 480): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 480 480">
    <rect width="480" height="480" fill="#ffffff"/>
    <circle cx="240" cy="240" r="226" fill="hsl(200 80% 94%)" stroke="hsl(205 75% 38%)" stroke-width="20"/>
    <circle cx="240" cy="150" r="56" fill="hsl(45 95% 58%)"/>
    <polygon points="120,262 240,170 360,262" fill="hsl(8 72% 52%)"/>
    <rect x="146" y="258" width="188" height="110" fill="hsl(35 85% 88%)"/>
    <rect x="222" y="300" width="36" height="68" rx="6" fill="hsl(205 75% 38%)"/>
    <circle cx="184" cy="312" r="16" fill="hsl(20 60% 40%)"/><polygon points="168,366 184,326 200,366" fill="hsl(330 70% 60%)"/>
    <circle cx="296" cy="312" r="16" fill="hsl(20 60% 40%)"/><polygon points="280,366 296,326 312,366" fill="hsl(140 55% 45%)"/>
    <rect x="96" y="366" width="288" height="14" rx="7" fill="hsl(120 45% 45%)"/>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
