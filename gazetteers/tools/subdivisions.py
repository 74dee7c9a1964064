#!/usr/bin/env python3
"""subdivisions.py - generate gazetteers/subdivisions.yaml: the first-level
administrative divisions of every country, from Debian iso-codes
(iso_3166-2.json). Run it through gazetteers/tools/subdivisions.sh, which
checks the requirements and passes every path on the command line:

  python3 subdivisions.py --gazetteers DIR --iso1 FILE --iso2 FILE
      --wordlist FILE --given-names DIR --out FILE [--report FILE]

The output depends only on iso-codes, the word lists and the other gazetteer
files: running it twice gives byte-identical output. Statistics go to
stderr (and to --report, one line per left-out name); any problem makes it
exit 1 without writing.

Python 3 standard library, plus PyYAML (Debian python3-yaml) to read the
other gazetteers.
"""

import argparse
import json
import os
import re
import sys
import unicodedata

import yaml

# ---------------------------------------------------------------------------
# Policy
# ---------------------------------------------------------------------------

# Countries whose first-level divisions places.yaml already lists under their
# English names (see gazetteers/README.md). iso-codes names them in the
# local language or a transliteration ("Niedersachsen", "Anhui Sheng",
# "Moskovskaja oblast'", "Kharkivska oblast"), so adding them would give each
# region a second entity under another name. Russia is here although
# places.yaml has 47 of its 83 subjects: the other 36 exist in iso-codes only
# in a scholarly transliteration that English text never uses.
COVERED_COUNTRIES = {
    'australia', 'canada', 'china', 'germany', 'india', 'pakistan', 'russia',
    'ukraine', 'united-states',
}

# Country of a division whose territory is disputed: no `country:`, as for
# Jerusalem and Kosovo in places.yaml. iso-codes marks the Moroccan regions
# that lie wholly or partly in Western Sahara with "(EH)" / "(EH-partial)".
DISPUTED_MARK = re.compile(r'\((EH|EH-partial)\)')

# Type words that iso-codes puts after a comma ("Murcia, Región de",
# "Adygeja, Respublika"): the head before the comma is the name. A comma
# tail not listed here makes the name "strange" (left out).
INVERTED_TYPE_TAILS = {
    'región de', 'comunidad de', 'principado de', 'respublika',
    'unitatea teritorială din', 'unitatea teritorială autonomă',
}

# Words that are not a name by themselves: directions and positions (English,
# French, Spanish, Portuguese, Italian, and the Arabic of iso-codes'
# transliterations), administrative type words, and generic geographic
# words. A name made only of such words ("Central", "Centre-Est", "North
# West", "Upper East", "Al Janūbīyah" = "the southern", "Capital District",
# "Distrito Federal", "Lakes", "Littoral") is left out; see also core_key.
GENERIC_WORDS = set('''
north south east west northern southern eastern western central centre center
middle mid upper lower inner outer far extreme northeast northwest southeast
southwest northeastern northwestern southeastern southwestern
nord sud est ouest centrale haut haute hauts bas basse extreme grand grande
norte sur este oeste centro oriental occidental septentrional meridional
nordeste noroeste sudeste sudoeste sureste suroeste sul leste alto alta bajo baja
valle cordillera
al el ash as an ad az at ar
janub janubi janubiyah shamal shamali shamaliyah sharq sharqi sharqiyah
gharb gharbi gharbiyah awsat wusta asimah markazi
capital national federal autonomous administrative special metropolitan
region regions province provinces provincia district districts area areas
territory territories zone division department departement departamento
state county municipality municipal city town commune parish
distrito federal ciudad autonoma capitale
coast coastal littoral plateau plateaux lake lakes lagunes lagoons island
islands isle isles islas iles ile river rivers valley mountain mountains
hills highlands lowlands savanes savannah savannas maritime bassins basins
of the and de del la le les du des da do dos das y et e
'''.split())

# Administrative type words in the languages of iso-codes' names, and the
# prepositions that join them to a name. A name that is an existing entry
# plus such words ("Beijing Shi", "Hong Kong SAR", "Bishkek Shaary", "Gorod
# Osh", "Seoul-teukbyeolsi", "Brussels Hoofdstedelijk Gewest", "Ciudad
# Autónoma de Buenos Aires", "Wilayah Persekutuan Kuala Lumpur", "Bujumbura
# Mairie", "City of Kigali", "Uppsala län") names that entry: it is left out
# like an exact duplicate. Directions are not type words: "Northern
# Ireland", "North Darfur" and "Baja California" are not Ireland, Darfur
# and California.
TYPE_WORDS = set('''
sheng shi zizhiqu sar oblast oblasti oblys oblysy voblasc kraj kray okrug
avtonomnyj avtonomnyy respublika respublikasi gorod shaary shahri shahar
grad stolitsa distrikt lan hlavni mesto wilayah persekutuan teukbyeolsi
gwangyeoksi teukbyeoljachido mairie hoofdstedelijk gewest gouvernorat
muhafazat wilayat capital national federal autonomous autonoma
administrative special metropolitan region province provincia district
territory department departement departamento state county municipality
city ciudad distrito capitale of de del
'''.split())

# Articles (Arabic, Spanish, French). A name that is a same-country entry or
# a country with an article ("Al Başrah" for Basrah, "An Najaf", "El
# Callao", "La Réunion") names that entry too. Only the same country, since
# "El Beni" (Bolivia) is not Beni (Congo).
ARTICLES = set('al el ash as an ad az at ar la le les los las'.split())

# Division types that are localities (towns, villages, city quarters) rather
# than regions: left out whatever their name, as cities.sh leaves out towns
# under 100,000 inhabitants (names of small places are too often also
# words, surnames or other places). Malta's local councils (Attard, Balzan:
# also Maltese surnames), Monaco's quarters (La Source, La Gare, Moulins),
# the municipalities of Slovenia, North Macedonia, Latvia, Lithuania and
# Montenegro, Hungary's cities with county rights, and parishes (Andorra's
# are its villages; the Caribbean ones bear saints' names and English place
# names such as Hanover, Clarendon or Westmoreland).
LOCALITY_TYPES = {
    'Municipality', 'Local council', 'Quarter', 'Commune', 'Parish',
    'District municipality', 'City municipality', 'Republican city',
    'City with county rights', 'Town', 'Borough', 'Ward', 'Island council',
    'Administrative precinct',
}

# English abbreviations of weekdays and months ("Mon", Myanmar's Mon State,
# is "Monday" in every dateline).
DATE_ABBREVIATIONS = set('mon tue tues wed thu thur thurs fri sat sun jan feb mar apr '
                         'jun jul aug sep sept oct nov dec'.split())

# Names of 3 letters or fewer are left out: matching ignores case, so they
# match acronyms and abbreviations ("IMO" for Imo, "NaN" for Nan, "EDO").
MAX_SHORT_LETTERS = 3

# Directions and positions: a name of common English words with one of these
# ("Western Cape", "North Bank") is a region's name; without ("Long Island",
# "Cat Island", "Black River", "Hope Town") it is, in English text, as often
# some other place of that name (New York's Long Island).
DIRECTION_WORDS = set('''north south east west northern southern eastern western
central upper lower'''.split())

# A name that is a probable spelling variant of an existing entry of the same
# country ("Tigrai" for Tigray) is left out: the entity is already there.
# Two folded names are variants when both have at least VARIANT_MIN_LEN
# characters and their edit distance is at most 1 (at most 2 from
# VARIANT_LONG_LEN characters on).
VARIANT_MIN_LEN = 6
VARIANT_LONG_LEN = 10

# Names left out one by one, each for a reason no general rule above covers.
# Keys are ISO 3166-2 codes.
EXCLUDED_CODES = {
    # Arabic name of Jerusalem (status disputed, no country in places.yaml);
    # in news also the Al-Quds Brigades, Quds Force and the Al-Quds newspaper.
    'IL-JM': 'Arabic name of Jerusalem, and of armed groups and media',
    # "Balkan" in English text is the peninsula ("Balkan states").
    'TM-B': 'the Balkans in English text',
    # Names of famous people that English text uses far more often.
    'VN-SG': 'the name of Ho Chi Minh (the city is in cities.yaml)',
    'GH-BO': 'the name of the singer Bono',
    # Also the town in Kashmir (2016 Uri attack) and a given name.
    'CH-UR': 'the town in Kashmir, a given name',
    # Divisions named after people whose surnames are among the commonest
    # of the Spanish-speaking world: bare, in news, they are far more often a
    # person (a player, an official) than the division. The word lists have
    # no surnames, so these are listed one by one.
    'MX-HID': 'a common surname (Anne Hidalgo ...)',
    'MX-GRO': 'a common surname',
    'UY-RV': 'a common surname',
    'UY-MA': 'a common surname',
    'UY-RO': 'a common surname',
    'UY-SO': 'a common surname',
    'UY-FS': 'a common surname, and the Indonesian island',
    'PA-6': 'a common surname',
    'HN-CR': 'a common surname (Hernán Cortés)',
    # Names that English text uses for something better known.
    'AO-ZAI': 'the former name of DR Congo',
    'NZ-CAN': 'the English city (Archbishop of Canterbury)',
    'NZ-MBH': 'the English town, the Duke of Marlborough',
    'NZ-TAS': 'Abel Tasman, the Tasman Sea',
    'HN-SB': 'the Californian city',
    'SC-09': 'the Los Angeles neighbourhood',
}

# ISO 3166-1 alpha-2 codes that cannot be matched by name against
# countries.yaml (as in cities.mjs).
COUNTRY_OVERRIDES = {}


# ---------------------------------------------------------------------------
# Normalisation (mirrors cities.mjs and eg_normalize in src/text.c)
# ---------------------------------------------------------------------------

EXTRA_FOLD = {'ø': 'o', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'ı': 'i', 'ħ': 'h',
              'æ': 'ae', 'œ': 'oe', 'þ': 'th'}


def fold(s):
    s = unicodedata.normalize('NFKC', s).lower().replace('ß', 'ss')
    s = ''.join(c for c in unicodedata.normalize('NFD', s)
                if not unicodedata.category(c).startswith('M'))
    s = unicodedata.normalize('NFC', s)
    return ''.join(EXTRA_FOLD.get(c, c) for c in s)


APOSTROPHES = re.compile('[\'\u2019\u02BC\u2018]')


def words(s):
    """Folded words of a name: apostrophes dropped, runs of letters, marks
    and digits (as cities.mjs's nameKey, so "St. Louis" = "St Louis")."""
    s = APOSTROPHES.sub('', fold(s))
    out, cur = [], []
    for c in s:
        if unicodedata.category(c)[0] in 'LMN':
            cur.append(c)
        elif cur:
            out.append(''.join(cur))
            cur = []
    if cur:
        out.append(''.join(cur))
    return out


def name_key(s):
    return ' '.join(words(s))


def slug(s):
    return re.sub(r'[^a-z0-9]+', '-', fold(s)).strip('-')


def letter_count(s):
    return sum(1 for c in s if unicodedata.category(c).startswith('L'))


def edit_distance(a, b, limit):
    """Levenshtein distance, or limit + 1 when it exceeds limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


# ---------------------------------------------------------------------------
# YAML output (the quoting rule of cities.mjs)
# ---------------------------------------------------------------------------

YAML_SPECIAL_WORDS = {'y', 'n', 'yes', 'no', 'true', 'false', 'on', 'off', 'null', '~'}


def yaml_scalar(s):
    plain_ok = (
        s != '' and s == s.strip()
        and not re.match(r'''[-?:,\[\]{}#&*!|>'"%@`.+=<\d]''', s)
        and not re.search(r'[:#,\[\]{}]', s)
        and not re.search('[\u0000-\u001F\u007F-\u009F\u2028\u2029\uFEFF]', s)
        and s.lower() not in YAML_SPECIAL_WORDS)
    if plain_ok:
        return s
    out = '"'
    for ch in s:
        cp = ord(ch)
        if ch == '"':
            out += '\\"'
        elif ch == '\\':
            out += '\\\\'
        elif cp < 0x20 or 0x7f <= cp <= 0x9f or cp in (0x2028, 0x2029, 0xfeff):
            out += '\\u%04X' % cp
        else:
            out += ch
    return out + '"'


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

def die(msg):
    sys.stderr.write('subdivisions.py: error: %s\n' % msg)
    sys.exit(1)


def iso_name_variants(entry):
    """Names iso-codes gives a country, plus natural-order forms (as cities.mjs)."""
    out = []
    for f in ('common_name', 'name', 'official_name'):
        n = entry.get(f)
        if not n:
            continue
        out.append(n)
        p = re.match(r'^(.*) \((.*)\)$', n)
        if p:
            out += [p.group(1), p.group(2)]
        m = re.match(r'^(.*), (.*)$', n)
        if m:
            out.append('%s %s' % (m.group(2), m.group(1)))
    for n in list(out):
        if re.match(r'(?i)^the ', n):
            out.append(re.sub(r'(?i)^the ', '', n))
    return out


ROMAN_REGION = re.compile(r'^Region [IVXL]+(-[A-Z])?$')
QUALIFIERS = {'stolitsa', 'française', 'Région', 'Arctic Region'}
BRACKET_CODE = re.compile(r'^[A-Z]{2}-[0-9A-Z]{1,3}$')


def parse_name(raw, same_country_names):
    """iso-codes name -> (label, aliases, disputed) or (None, reason)."""
    name = unicodedata.normalize('NFC', raw).strip()
    disputed = False
    aliases = []
    if DISPUTED_MARK.search(name):
        disputed = True
        name = DISPUTED_MARK.sub('', name).strip()
    # footnote marks ("Nafarroako Foru Komunitatea*", "Centar †")
    name = name.rstrip('*† ').strip()
    # bracketed code or variant: "Stockholms län [SE-01]", "Catalunya
    # [Cataluña]", "Wales [Cymru GB-CYM]"
    m = re.match(r'^(.*?) \[(.*)\]$', name)
    if m:
        name = m.group(1)
        inner = ' '.join(w for w in m.group(2).split(' ') if not BRACKET_CODE.match(w))
        # a variant is a name ("[Cataluña]"); a lower-case word is a
        # qualifier ("Amānat al ‘Āşimah [city]")
        if inner and inner[0].isupper():
            aliases.append(inner)
    # parenthetical: acronym -> alias; "(Region IV-A)", "(stolitsa)",
    # "(Arctic Region)" -> dropped; the capital city of the division
    # ("(Port Moresby)") -> dropped; anything else: strange
    m = re.match(r'^(.*?) \((.*)\)$', name)
    if m:
        name, inner = m.group(1), m.group(2)
        if re.fullmatch(r'[A-Z]{3,}', inner):
            aliases.append(inner)
        elif ROMAN_REGION.match(inner) or inner in QUALIFIERS:
            pass
        elif name_key(inner) in same_country_names:
            pass
        else:
            return None, 'strange form'
    # inverted type words: "Murcia, Región de" -> "Murcia"
    m = re.match(r'^(.*?), (.*)$', name)
    if m:
        head, tail = m.group(1), m.group(2)
        if fold(tail) not in {fold(t) for t in INVERTED_TYPE_TAILS}:
            return None, 'strange form'
        name = head
    if '/' in name or '(' in name or ')' in name or '[' in name or ',' in name:
        return None, 'strange form'
    # a leading ayn or hamza ("‘Ajmān", "'Asīr") is no letter
    first = name.lstrip('\'‘’ʻʼ')
    if not first or not first[0].isupper():
        return None, 'strange form'
    # a trailing Roman numeral ("Ile Perseverance I") numbers, not names
    if re.search(r' [IVX]+$', name):
        return None, 'strange form'
    aliases = [a for a in aliases if name_key(a) != name_key(name)]
    return (name, aliases, disputed), None


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser()
    for k in ('gazetteers', 'iso1', 'iso2', 'wordlist', 'given-names', 'out'):
        ap.add_argument('--' + k, required=True)
    ap.add_argument('--report')
    opts = ap.parse_args()

    out_path = os.path.abspath(opts.out)
    gaz_dir = os.path.abspath(opts.gazetteers)
    other_files = sorted(
        os.path.join(gaz_dir, f) for f in os.listdir(gaz_dir)
        if re.search(r'\.ya?ml$', f) and os.path.join(gaz_dir, f) != out_path)

    reserved_ids = {}
    # name key -> list of (id, file, country or None)
    other_names = {}
    country_names = {}
    country_ids = set()
    for path in other_files:
        base = os.path.basename(path)
        try:
            with open(path, encoding='utf-8') as fh:
                doc = yaml.safe_load(fh)
        except (OSError, yaml.YAMLError) as e:
            die('cannot read %s: %s' % (path, e))
        if doc is None:
            continue
        if not isinstance(doc, list):
            die('%s: top level is not a sequence' % path)
        for e in doc:
            if not isinstance(e, dict) or e.get('id') is None or e.get('label') is None:
                die('%s: entry without id or label' % path)
            eid = str(e['id'])
            reserved_ids[eid] = base
            country = eid if base == 'countries.yaml' else e.get('country')
            names = [e['label']] + list(e.get('aliases') or []) + list(e.get('demonyms') or [])
            for n in names:
                k = name_key(str(n))
                if k:
                    other_names.setdefault(k, []).append((eid, base, country))
            if base == 'countries.yaml':
                country_ids.add(eid)
                for n in [e['label']] + list(e.get('aliases') or []):
                    country_names.setdefault(name_key(str(n)), set()).add(eid)
    if not country_ids:
        die('no countries.yaml in %s' % gaz_dir)

    # ISO 3166-1 alpha-2 -> country id
    with open(opts.iso1, encoding='utf-8') as fh:
        iso1 = json.load(fh)['3166-1']
    code_to_country = dict(COUNTRY_OVERRIDES)
    unmapped = []
    for entry in iso1:
        code = entry['alpha_2']
        if code in code_to_country:
            continue
        ids = set()
        for n in iso_name_variants(entry):
            hit = country_names.get(name_key(n))
            if hit and len(hit) == 1:
                ids |= hit
        if len(ids) == 1:
            code_to_country[code] = ids.pop()
        else:
            unmapped.append('%s (%s)' % (code, entry['name']))

    # names of every same-country entry of the other files (for the
    # duplicate and variant rules)
    by_country = {}
    for k, holders in other_names.items():
        for (_eid, _base, country) in holders:
            if country:
                by_country.setdefault(country, set()).add(k)

    with open(opts.wordlist, encoding='utf-8') as fh:
        common_words = {w for w in fh.read().split('\n') if re.fullmatch(r'[a-z]+', w)}
    given_names = set()
    for f in ('male-human-names-en.json', 'female-human-names-en.json'):
        with open(os.path.join(opts.given_names, f), encoding='utf-8') as fh:
            given_names |= {name_key(n) for n in json.load(fh)}
    if not given_names:
        die('no given names read from %s' % opts.given_names)

    with open(opts.iso2, encoding='utf-8') as fh:
        iso2 = json.load(fh)['3166-2']

    skipped = {}  # reason -> list of descriptions

    def skip(reason, desc):
        skipped.setdefault(reason, []).append(desc)

    n_total = len(iso2)
    n_parent = 0
    candidates = []
    for e in iso2:
        if 'parent' in e:
            n_parent += 1
            continue
        code, raw = e['code'], e['name']
        if e['type'] in LOCALITY_TYPES:
            skip('locality, not a region (type %s)' % e['type'], '%s %s' % (code, raw))
            continue
        alpha2 = code.split('-')[0]
        desc = '%s %s' % (code, raw)
        if alpha2 not in code_to_country:
            die('no country id for %s (unmapped ISO 3166-1 codes: %s)' % (code, ', '.join(unmapped) or 'none'))
        country = code_to_country[alpha2]
        if country in COVERED_COUNTRIES:
            skip('country already covered by places.yaml', desc)
            continue
        if code in EXCLUDED_CODES:
            skip('excluded one by one (EXCLUDED_CODES)', '%s: %s' % (desc, EXCLUDED_CODES[code]))
            continue
        same = by_country.get(country, set())
        parsed, why = parse_name(raw, same)
        if parsed is None:
            skip(why, desc)
            continue
        label, aliases, disputed = parsed
        ws = words(label)
        key = ' '.join(ws)
        if letter_count(label) <= MAX_SHORT_LETTERS or not any(
                unicodedata.category(c).startswith('L') for c in label):
            skip('number, code or 3 letters or fewer', desc)
            continue
        if all(w in GENERIC_WORDS or w.isdigit() for w in ws):
            skip('generic words only', desc)
            continue
        if len(ws) == 1 and ws[0] in common_words:
            skip('one common English word', desc)
            continue
        if len(ws) > 1 and all(w in common_words or w in GENERIC_WORDS for w in ws) \
                and not any(w in DIRECTION_WORDS for w in ws):
            skip('common English words only', desc)
            continue
        if len(ws) == 1 and ws[0] in DATE_ABBREVIATIONS:
            skip('abbreviation of a weekday or month', desc)
            continue
        if len(ws) == 1 and ws[0] in given_names:
            skip('one English given name', desc)
            continue
        if len(ws) == 2 and ws[0] in ('saint', 'st') and ws[1] in given_names:
            skip('a saint\'s name', desc)
            continue
        if key in country_names:
            skip('name of a country', desc)
            continue
        holders = other_names.get(key, [])
        if any(c == country for (_i, _b, c) in holders):
            skip('duplicate of a same-country entry', '%s = %s' % (desc, holders[0][0]))
            continue
        if holders:
            skip('name of an entry of another country or type', '%s = %s (%s)' % (desc, holders[0][0], holders[0][1]))
            continue
        # "Saint Lucia's": the possessive of a name another entry has would
        # take that entry's possessive mentions
        if ws[-1].endswith('s') and re.search('[\'’]s$', label) and \
                name_key(re.sub('[\'’]s$', '', label)) in other_names:
            skip('possessive of an existing name', desc)
            continue
        core = [w for w in ws if w not in TYPE_WORDS]
        core_key = ' '.join(core)
        if core and core != ws and core_key in other_names:
            skip('an existing entry plus type words', '%s = %s' % (desc, other_names[core_key][0][0]))
            continue
        bare = [w for w in core if w not in ARTICLES]
        bare_key = ' '.join(bare)
        if bare and bare != ws and (bare_key in same or bare_key in country_names):
            skip('an existing entry plus type words', '%s = %s' % (desc, bare_key))
            continue
        variant = None
        # "Hà Nội" = "Hanoi", "Brunei-Muara": the same letters, spaced otherwise
        flat = key.replace(' ', '')
        for k in sorted(same):
            if k.replace(' ', '') == flat:
                variant = k
                break
        if not variant and len(key) >= VARIANT_MIN_LEN:
            limit = 2 if len(key) >= VARIANT_LONG_LEN else 1
            for k in sorted(same):
                if len(k) >= VARIANT_MIN_LEN and edit_distance(key, k, limit) <= limit:
                    variant = k
                    break
        if variant:
            skip('spelling variant of a same-country entry', '%s ~ %s' % (desc, variant))
            continue
        # aliases that any other entry has are dropped
        aliases = [a for a in aliases if name_key(a) not in other_names and name_key(a) not in country_names]
        candidates.append({
            'code': code, 'label': label, 'aliases': aliases, 'key': key,
            'country': None if disputed else country, 'country_for_id': country,
        })

    # names shared by several divisions: none of them is written (no data
    # to rank them; the resolver would have to guess)
    count = {}
    for c in candidates:
        count[c['key']] = count.get(c['key'], 0) + 1
    alias_count = {}
    for c in candidates:
        for a in c['aliases']:
            alias_count[name_key(a)] = alias_count.get(name_key(a), 0) + 1
    kept = []
    for c in candidates:
        if count[c['key']] > 1:
            skip('name shared by several divisions', '%s %s' % (c['code'], c['label']))
            continue
        c['aliases'] = [a for a in c['aliases']
                        if alias_count[name_key(a)] == 1 and name_key(a) not in count]
        kept.append(c)

    # ids: the label's; on a clash with any file, the country id appended
    natural = {}
    for c in kept:
        natural.setdefault(slug(c['label']), []).append(c)
    used = set(reserved_ids)
    for sid, group in natural.items():
        clash = sid in reserved_ids or len(group) > 1
        for c in group:
            cid = '%s-%s' % (sid, c['country_for_id']) if clash else sid
            if cid in used:
                cid = '%s-%s' % (cid, c['code'].lower())
            if cid in used:
                die('id %s of %s is taken' % (cid, c['code']))
            used.add(cid)
            c['id'] = cid

    kept.sort(key=lambda c: (c['country_for_id'], c['label'], c['code']))

    n_skipped = sum(len(v) for v in skipped.values())
    lines = []
    lines.append('# entigraph gazetteer: first-level administrative divisions of the world.')
    lines.append('#')
    lines.append('# GENERATED FILE - do not edit by hand. Regenerate with')
    lines.append('#     gazetteers/tools/subdivisions.sh')
    lines.append('# from Debian iso-codes (ISO 3166-2, iso_3166-2.json: the entries without a')
    lines.append('# parent). See gazetteers/tools/README.md for every rule.')
    lines.append('#')
    lines.append('# Data: Debian iso-codes, LGPL-2.1-or-later.')
    lines.append('#')
    lines.append('# Labels are iso-codes\' names, often in the local language or a')
    lines.append('# transliteration (Sicilia, Bretagne, Attikí: no translation is made);')
    lines.append('# bracketed variants and acronyms are aliases. Left out: divisions of')
    lines.append('# countries places.yaml already covers, localities (municipalities, city')
    lines.append('# quarters, parishes), names of 3 letters or fewer, names that are generic,')
    lines.append('# common English words or given names, names another file already has,')
    lines.append('# names shared by several divisions, and strange name forms. No prior,')
    lines.append('# no wikidata.')
    lines.append('# Divisions lying in Western Sahara have no country (disputed).')
    lines.append('# Sorted by country id, label. %d entries.' % len(kept))
    for c in kept:
        lines.append('')
        lines.append('- id: %s' % c['id'])
        lines.append('  label: %s' % yaml_scalar(c['label']))
        lines.append('  type: place')
        if c['aliases']:
            lines.append('  aliases: [%s]' % ', '.join(yaml_scalar(a) for a in c['aliases']))
        if c['country']:
            lines.append('  country: %s' % c['country'])
    text = '\n'.join(lines) + '\n'

    # read it back
    back = yaml.safe_load(text)
    if len(back) != len(kept):
        die('read back %d entries, wrote %d' % (len(back), len(kept)))
    for b, c in zip(back, kept):
        if b['id'] != c['id'] or b['label'] != c['label'] or list(b.get('aliases') or []) != c['aliases']:
            die('read back %r, wrote %r' % (b, c))

    tmp = out_path + '.tmp'
    with open(tmp, 'w', encoding='utf-8') as fh:
        fh.write(text)
    os.replace(tmp, out_path)

    sys.stderr.write('subdivisions.py: %d ISO 3166-2 entries, %d with a parent (not first level), '
                     '%d first level\n' % (n_total, n_parent, n_total - n_parent))
    sys.stderr.write('subdivisions.py: wrote %d divisions to %s; left out %d:\n' % (len(kept), out_path, n_skipped))
    for reason, items in sorted(skipped.items(), key=lambda kv: -len(kv[1])):
        sys.stderr.write('  %5d  %s (e.g. %s)\n' % (len(items), reason, '; '.join(items[:3])))
    if opts.report:
        with open(opts.report, 'w', encoding='utf-8') as fh:
            for reason, items in sorted(skipped.items()):
                for d in items:
                    fh.write('%s\t%s\n' % (reason, d))


if __name__ == '__main__':
    main()
