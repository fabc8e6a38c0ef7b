#!/usr/bin/env node
/**
 * Vietnamese (vi) coverage of the Strapi admin panel.
 *
 * For each Strapi admin package we care about, compares:
 *   - the English keys shipped by the package (dist/.../translations/en.json.js),
 *   - the keys Strapi's own vi.json.js already translates,
 *   - the keys our override file (src/admin/translations/vi.json) provides,
 * and prints how many English keys are covered (Strapi vi ∪ ours).
 *
 * Key form: the admin merges `config.translations.vi` *flat* over the already
 * prefixed plugin messages (StrapiApp.loadTrads), and plugins prefix their own
 * messages with `${pluginId}.` (prefixPluginTranslations). So our vi.json uses the
 * bare key for the core admin and `<pluginId>.<key>` for plugins.
 *
 * It also validates vi.json: valid JSON, flat, non-empty string values, known keys,
 * and the same ICU placeholders ({name}, {count, plural, …}) and rich-text tags
 * (<b>…</b>) as the English source.
 *
 * Exits 1 if vi.json is invalid or if a key of a REQUIRED scope is not covered.
 *
 * Usage: node scripts/translations-coverage.mjs [--list-missing] [--dump-missing FILE] [--verbose]
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, TYPE } from '@formatjs/icu-messageformat-parser';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const cmsDir = path.resolve(here, '..');
const ourFile = path.join(cmsDir, 'src/admin/translations/vi.json');

const args = process.argv.slice(2);
const listMissing = args.includes('--list-missing');
const verbose = args.includes('--verbose');
const dumpIdx = args.indexOf('--dump-missing');
const dumpFile = dumpIdx >= 0 ? args[dumpIdx + 1] : null;

/* ------------------------------------------------------------------ config */

// Core-admin key prefixes used by the screens the school's roles work with.
const ADMIN_REQUIRED_PREFIXES = [
  'Auth.',
  'HomePage.',
  'app.components.LeftMenu',
  'app.components.HomePage',
  'app.components.Users',
  'global.',
  'components.',
  'form.',
  'notification.',
  'Settings.profile',
  'Settings.permissions.users',
  'Settings.roles',
  'Settings.application',
  'app.utils',
  'app.containers.App',
  'clearLabel',
  'selectButtonTitle',
  'request.error',
  'Widget.',
  'widget.',
  'content-manager.',
];

// Core-admin dist files of the login page, home page, left menu and profile page:
// every message id they use is required too.
const ADMIN_PAGE_SOURCES = [
  'pages/Auth',
  'pages/Home',
  'pages/ProfilePage.js',
  'components/LeftMenu.js',
  'components/MainNav',
  'components/Widgets.js',
  'components/ErrorElement.js',
  'features/Auth.js',
  'pages/SessionsPage.js',
  'pages/Settings/pages/ApplicationInfo',
  'pages/Settings/pages/Roles/components/ConditionsModal.js',
  'layouts',
];

const PACKAGES = [
  {
    id: 'admin',
    pkg: '@strapi/admin',
    dir: 'dist/admin/admin/src/translations',
    prefix: '', // core admin keys are used as-is
    required: 'admin',
  },
  {
    id: 'content-manager',
    pkg: '@strapi/content-manager',
    dir: 'dist/admin/translations',
    prefix: 'content-manager',
    required: 'all',
    codeOnly: { src: 'dist/admin', call: 'getTranslation' },
  },
  {
    id: 'upload',
    pkg: '@strapi/upload',
    dir: 'dist/admin/translations',
    prefix: 'upload',
    required: 'all',
    codeOnly: { src: 'dist/admin', call: 'getTrad' },
  },
  {
    id: 'users-permissions',
    pkg: '@strapi/plugin-users-permissions',
    dir: 'dist/admin/translations',
    prefix: 'users-permissions',
    required: 'all',
  },
  {
    id: 'email',
    pkg: '@strapi/email',
    dir: 'dist/admin/translations',
    prefix: 'email',
    required: 'all',
  },
  {
    id: 'i18n',
    pkg: '@strapi/i18n',
    dir: 'dist/admin/translations',
    prefix: 'i18n',
    // only required while small (brief: "i18n only if under ~150 keys")
    required: 'all-if-small',
  },
];
const SMALL_PACKAGE_LIMIT = 150;

/* ----------------------------------------------------------------- helpers */

function findPackageDir(name) {
  for (let d = cmsDir; ; d = path.dirname(d)) {
    const candidate = path.join(d, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(d) === d) return null;
  }
}

function loadMessages(file) {
  if (!fs.existsSync(file)) return null;
  const mod = require(file);
  const obj = mod?.__esModule && mod.default ? mod.default : mod;
  const out = {};
  for (const [k, v] of Object.entries(obj)) if (typeof v === 'string') out[k] = v;
  return out;
}

function walkJs(p, cb) {
  if (!fs.existsSync(p)) return;
  const st = fs.statSync(p);
  if (st.isDirectory()) {
    for (const f of fs.readdirSync(p)) {
      if (f === 'translations' || f === 'node_modules') continue;
      walkJs(path.join(p, f), cb);
    }
  } else if (p.endsWith('.js')) {
    cb(p, fs.readFileSync(p, 'utf8'));
  }
}

function unquote(q, body) {
  try {
    if (q === '"') return JSON.parse(`"${body}"`);
    // A template literal without placeholders (Strapi writes a few defaultMessages that way).
    if (q === '`') return body.replace(/\\`/g, '`');
    return JSON.parse(`"${body.replace(/\\'/g, "'").replace(/"/g, '\\"')}"`);
  } catch {
    return body;
  }
}

// Message ids (with their defaultMessage when present) used by a set of dist files.
function scanIds(files, idPattern) {
  const found = new Map();
  const re = new RegExp(String.raw`\bid:\s*` + idPattern + String.raw`(?:\s*,\s*defaultMessage:\s*(?:(['"\x60])((?:\\.|(?!\2)[^\\])*)\2))?`, 'g');
  for (const f of files) {
    walkJs(f, (_file, text) => {
      for (const m of text.matchAll(re)) {
        const id = m[1];
        const def = m[3] !== undefined ? unquote(m[2], m[3]) : undefined;
        if (!found.has(id) || (found.get(id) === undefined && def !== undefined)) found.set(id, def);
      }
    });
  }
  return found;
}

/**
 * ICU signature of a message, from the parser react-intl itself uses: the set of arguments (name plus
 * type when typed, e.g. "count,plural") and rich-text tags ("b", "/b"). Throws on a message react-intl
 * cannot parse, including plural/select without an `other` branch.
 */
function icuSignature(msg) {
  const args = new Set();
  const tags = new Set();
  const typeNames = { [TYPE.number]: 'number', [TYPE.date]: 'date', [TYPE.time]: 'time', [TYPE.select]: 'select' };
  const walk = (elements) => {
    for (const element of elements) {
      if (element.type === TYPE.argument) args.add(element.value);
      else if (element.type === TYPE.plural) args.add(`${element.value},${element.pluralType === 'ordinal' ? 'selectordinal' : 'plural'}`);
      else if (typeNames[element.type]) args.add(`${element.value},${typeNames[element.type]}`);
      if (element.type === TYPE.tag) {
        tags.add(element.value).add(`/${element.value}`);
        walk(element.children);
      }
      if (element.type === TYPE.select || element.type === TYPE.plural) for (const option of Object.values(element.options)) walk(option.value);
    }
  };
  walk(parse(msg, { requiresOtherClause: true }));
  return { args: [...args].sort(), tags: [...tags].sort() };
}

function compareIcu(source, translated) {
  let a;
  let b;
  try {
    a = icuSignature(source);
  } catch {
    return null; // source itself not parseable: cannot compare
  }
  try {
    b = icuSignature(translated);
  } catch (e) {
    return `invalid ICU: ${e.message}`;
  }
  const diff = (x, y) => x.filter((v) => !y.includes(v));
  const problems = [];
  const missArgs = diff(a.args, b.args);
  const extraArgs = diff(b.args, a.args);
  const missTags = diff(a.tags, b.tags);
  const extraTags = diff(b.tags, a.tags);
  if (missArgs.length) problems.push(`missing {${missArgs.join('} {')}}`);
  if (extraArgs.length) problems.push(`unexpected {${extraArgs.join('} {')}}`);
  if (missTags.length) problems.push(`missing <${missTags.join('> <')}>`);
  if (extraTags.length) problems.push(`unexpected <${extraTags.join('> <')}>`);
  return problems.length ? problems.join('; ') : null;
}

/* -------------------------------------------------------------- load ours */

const errors = [];
const warnings = [];

let ours = {};
if (!fs.existsSync(ourFile)) {
  warnings.push(`${path.relative(cmsDir, ourFile)} does not exist (counting Strapi vi only)`);
} else {
  try {
    const parsed = JSON.parse(fs.readFileSync(ourFile, 'utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      errors.push('vi.json must be a flat JSON object');
    } else {
      ours = parsed;
    }
  } catch (e) {
    errors.push(`vi.json does not parse: ${e.message}`);
  }
}
for (const [k, v] of Object.entries(ours)) {
  if (typeof v !== 'string') errors.push(`vi.json "${k}": value is not a string`);
  else if (!v) errors.push(`vi.json "${k}": empty value`);
}

/* ---------------------------------------------------------------- analyse */

const knownOurKeys = new Map(); // our key -> English source
const rows = [];
// Every message the admin holds in Vietnamese, keyed as react-intl looks them up (core bare, plugins prefixed).
const shippedVi = new Map();
const rawIdPackages = [];
const missingDump = {};
const deliberatelyEnglish = [];

for (const p of PACKAGES) {
  const pkgDir = findPackageDir(p.pkg);
  if (!pkgDir) {
    errors.push(`${p.pkg} not found in node_modules`);
    continue;
  }
  const tdir = path.join(pkgDir, p.dir);
  const en = loadMessages(path.join(tdir, 'en.json.js'));
  if (!en) {
    errors.push(`${p.pkg}: no en.json.js in ${p.dir}`);
    continue;
  }
  const strapiVi = loadMessages(path.join(tdir, 'vi.json.js')) || {};
  for (const [k, v] of Object.entries(strapiVi)) shippedVi.set(p.prefix ? `${p.prefix}.${k}` : k, v);
  if (p.prefix) rawIdPackages.push({ ...p, pkgDir });
  const ourKey = (k) => (p.prefix ? `${p.prefix}.${k}` : k);

  // Keys used in code with a defaultMessage but absent from en.json: they render
  // the English defaultMessage, so we translate them too.
  const codeOnly = new Map();
  if (p.codeOnly) {
    const ids = scanIds([path.join(pkgDir, p.codeOnly.src)], String.raw`(?:[\w$]+\.)*${p.codeOnly.call}\(\s*['"\x60]([^'"\x60$]+)['"\x60]\s*\)`);
    for (const [id, def] of ids) if (!(id in en) && def) codeOnly.set(id, def);
  }

  // Required scope
  let required;
  const enKeys = Object.keys(en);
  if (p.required === 'all') required = new Set(enKeys);
  else if (p.required === 'all-if-small') required = new Set(enKeys.length <= SMALL_PACKAGE_LIMIT ? enKeys : []);
  else {
    required = new Set(enKeys.filter((k) => ADMIN_REQUIRED_PREFIXES.some((pre) => k.startsWith(pre))));
    const srcRoot = path.join(tdir, '..');
    const ids = scanIds(
      ADMIN_PAGE_SOURCES.map((s) => path.join(srcRoot, s)),
      String.raw`['"]([A-Za-z][\w.-]*)['"]`,
    );
    for (const [id, def] of ids) {
      if (id in en) required.add(id);
      else if (def && !PACKAGES.some((q) => q.prefix && id.startsWith(`${q.prefix}.`))) codeOnly.set(id, def);
    }
  }
  for (const k of codeOnly.keys()) required.add(k);

  const source = (k) => (k in en ? en[k] : codeOnly.get(k));
  for (const k of [...enKeys, ...codeOnly.keys()]) knownOurKeys.set(ourKey(k), source(k));

  let strapiCovered = 0;
  let oursCovered = 0;
  let covered = 0;
  let reqCovered = 0;
  let reqCoveredBefore = 0;
  const missing = [];
  const strapiEnglish = [];
  const strapiBroken = [];
  for (const k of [...enKeys, ...codeOnly.keys()]) {
    const src = source(k);
    const sv = strapiVi[k];
    // (a few English sources are a single space on purpose: any string counts then)
    const blankSource = !src.trim();
    let strapiOk = typeof sv === 'string' && (blankSource || (sv.trim() !== '' && sv !== src));
    if (typeof sv === 'string' && sv === src && !blankSource) strapiEnglish.push(k);
    if (strapiOk) {
      const pb = compareIcu(src, sv);
      if (pb) {
        strapiOk = false;
        strapiBroken.push(`${k}: ${pb}`);
      }
    }
    const ov = ours[ourKey(k)];
    const oursOk = typeof ov === 'string' && (blankSource ? ov !== '' : ov.trim() !== '');
    if (oursOk && ov === src && !blankSource) deliberatelyEnglish.push(`${ourKey(k)} = ${JSON.stringify(ov)}`);
    const isCodeOnly = !(k in en);
    if (!isCodeOnly) {
      if (strapiOk) strapiCovered++;
      if (oursOk) oursCovered++;
      if (strapiOk || oursOk) covered++;
    }
    if (required.has(k)) {
      if (strapiOk) reqCoveredBefore++;
      if (strapiOk || oursOk) reqCovered++;
      else {
        missing.push(k);
        missingDump[ourKey(k)] = src;
      }
    }
  }
  rows.push({
    package: p.id,
    keyForm: p.prefix ? `${p.prefix}.<key>` : '<key>',
    enKeys: enKeys.length,
    codeOnly: codeOnly.size,
    strapiVi: strapiCovered,
    ours: oursCovered,
    coveredBefore: strapiCovered,
    coveredNow: covered,
    required: required.size,
    requiredBefore: reqCoveredBefore,
    requiredNow: reqCovered,
    missing: missing.length,
  });
  if (missing.length) {
    errors.push(`${p.id}: ${missing.length} required key(s) not translated`);
    if (listMissing) for (const k of missing) console.log(`  missing ${ourKey(k)}  (en: ${JSON.stringify(source(k))})`);
  }
  if (verbose) {
    for (const k of strapiEnglish) console.log(`  note: Strapi vi leaves ${ourKey(k)} in English`);
    for (const s of strapiBroken) console.log(`  note: Strapi vi placeholders differ ${p.prefix ? `${p.prefix}.` : ''}${s}`);
  }
}

// Plugin code that asks react-intl for a literal id instead of its prefixed one (e.g. content-manager's
// 'preview.copy.label', upload's 'list.assets.empty') gets no plugin translation: Strapi 5.54 shows the
// English defaultMessage there ("Copy preview link", "Search"). Each such id must be in our file or in a
// translation Strapi ships under exactly that key.
for (const p of rawIdPackages) {
  const literal = new Map();
  const re = /\bid:\s*(['"])([A-Za-z][\w.-]*)\1\s*,\s*defaultMessage:\s*(['"`])((?:\\.|(?!\3)[^\\])*)\3/g;
  walkJs(path.join(p.pkgDir, 'dist/admin'), (_file, text) => {
    for (const m of text.matchAll(re)) if (!literal.has(m[2])) literal.set(m[2], unquote(m[3], m[4]));
  });
  const missing = [];
  for (const [id, def] of literal) {
    if (!knownOurKeys.has(id)) knownOurKeys.set(id, def);
    const covered = (typeof ours[id] === 'string' && ours[id].trim() !== '') || (shippedVi.has(id) && shippedVi.get(id) !== def);
    if (!covered) missing.push(id);
  }
  if (missing.length) {
    errors.push(`${p.id}: ${missing.length} id(s) asked for without the plugin prefix have no Vietnamese`);
    if (listMissing) for (const k of missing) console.log(`  missing ${k}  (en: ${JSON.stringify(literal.get(k))})`);
  }
}

// Validate every key of our file against its English source.
for (const [k, v] of Object.entries(ours)) {
  if (typeof v !== 'string' || v === '') continue;
  if (!knownOurKeys.has(k)) {
    warnings.push(`vi.json "${k}": unknown key (not in any scanned en.json or code)`);
    continue;
  }
  const src = knownOurKeys.get(k);
  if (src.trim() && !v.trim()) {
    errors.push(`vi.json "${k}": blank value`);
    continue;
  }
  const pb = compareIcu(src, v);
  if (pb) errors.push(`vi.json "${k}": ${pb}`);
}

/* ----------------------------------------------------------------- output */

const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '-');
console.log(`Vietnamese admin translations coverage (${path.relative(cmsDir, ourFile)}: ${Object.keys(ours).length} keys)\n`);
console.table(
  rows.map((r) => ({
    package: r.package,
    'key form': r.keyForm,
    'en keys': r.enKeys,
    'Strapi vi': r.coveredBefore,
    ours: r.ours,
    'covered now': `${r.coveredNow} (${pct(r.coveredNow, r.enKeys)})`,
    'code-only ids': r.codeOnly,
    required: r.required,
    'req. before': r.requiredBefore,
    'req. now': r.requiredNow,
    missing: r.missing,
  })),
);
if (verbose && deliberatelyEnglish.length) {
  console.log('\nKept identical to English in vi.json:');
  for (const s of deliberatelyEnglish) console.log(`  ${s}`);
}
if (dumpFile) {
  fs.writeFileSync(dumpFile, `${JSON.stringify(missingDump, null, 2)}\n`);
  console.log(`\nWrote ${Object.keys(missingDump).length} missing required keys to ${dumpFile}`);
}
for (const w of warnings) console.log(`warning: ${w}`);
for (const e of errors) console.error(`error: ${e}`);
if (errors.length) {
  if (!listMissing) console.error('(run with --list-missing to see the keys)');
  process.exit(1);
}
console.log('\nOK: all required keys are translated and vi.json is valid.');
