#!/usr/bin/env python3
"""Writes N documents naming random entities, for tests that need a graph
of a thousand nodes or more: synthetic_corpus.py NAMES_FILE OUT_DIR [N].
Seeded, so every run writes the same files."""
import os
import random
import sys

names = [n for n in open(sys.argv[1], encoding='utf-8').read().split('\n') if n]
out = sys.argv[2]
count = int(sys.argv[3]) if len(sys.argv) > 3 else 600
os.makedirs(out)
rng = random.Random(7)
for d in range(count):
    lines = []
    for _ in range(rng.randint(3, 12)):
        a, b, c = rng.sample(names, 3)
        lines.append(rng.choice(['%s met %s in %s.', 'Talks between %s and %s went on in %s.',
                                 '%s said %s had written to %s.']) % (a, b, c))
    with open(os.path.join(out, 'doc%03d.txt' % d), 'w', encoding='utf-8') as f:
        f.write('\n\n'.join(lines) + '\n')
