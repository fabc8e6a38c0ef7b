import sharp from 'sharp';

export type Motif = 'sun' | 'flowers' | 'blocks' | 'trees' | 'balloons' | 'waves';

/** A deterministic pseudo-random sequence so a seed image is the same on every machine. */
function sequence(seed: number): () => number {
  let state = seed % 2147483647 || 1;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}

function shapes(motif: Motif, hue: number, next: () => number, width: number, height: number): string {
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
