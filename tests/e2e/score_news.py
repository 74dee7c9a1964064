#!/usr/bin/env python3
"""Entity-level precision and recall of `entigraph tag` on annotated texts.

Usage: score_news.py ENTIGRAPH GOLD.json TEXT... (GOLD as tests/news/gold.yaml
read by yq). Labels are compared after case folding, accent stripping and
dropping punctuation, through the gold's equivalents; a predicted entity
counts once per document. Prints per-type and total figures, the misses and
false positives, and "P R F1" as the last line.
"""
import json
import os
import subprocess
import sys
import unicodedata


def norm(s):
    s = unicodedata.normalize("NFKD", s.casefold())
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = "".join(c if c.isalnum() else " " for c in s.replace("'", "").replace("\u2019", ""))
    return " ".join(s.split())


def main():
    exe, gold_path, docs = sys.argv[1], sys.argv[2], sys.argv[3:]
    gold = json.load(open(gold_path, encoding="utf-8"))
    canon = {}
    for lab, alts in (gold.get("equivalents") or {}).items():
        for a in [lab] + list(alts):
            canon[norm(a)] = norm(lab)
    c = lambda s: canon.get(norm(s), norm(s))
    out = subprocess.run([exe, "tag", "-q"] + docs, capture_output=True, text=True, check=True).stdout
    pred = {}
    for line in out.splitlines()[1:]:
        f = line.split("\t")
        if f[5] == "?":
            continue
        pred.setdefault(os.path.basename(f[0]), set()).add((c(f[6]), f[7]))
    per, tp, fp, fn = {}, 0, 0, 0
    tally = lambda t, k: per.setdefault(t, {"tp": 0, "fp": 0, "fn": 0}).__setitem__(k, per[t][k] + 1)
    for d in docs:
        name = os.path.basename(d)
        g = gold["docs"][name]
        req = {c(k): set(v.split("|")) for k, v in (g.get("required") or {}).items()}
        neu = {c(x) for x in (g.get("neutral") or [])}
        got = {}
        for lab, ty in pred.get(name, ()):
            got.setdefault(lab, set()).add(ty)
        for lab, tys in req.items():
            t = sorted(tys)[0]
            if got.get(lab, set()) & tys:
                tp += 1
                tally(t, "tp")
            else:
                fn += 1
                tally(t, "fn")
                print("# miss %s: %s (%s)" % (name, lab, "|".join(sorted(tys))))
        for lab, tys in got.items():
            if lab in req or lab in neu:
                continue
            for t in tys:
                fp += 1
                tally(t, "fp")
                print("# false %s: %s (%s)" % (name, lab, t))
    for t, v in sorted(per.items()):
        p = v["tp"] / (v["tp"] + v["fp"]) if v["tp"] + v["fp"] else 1.0
        r = v["tp"] / (v["tp"] + v["fn"]) if v["tp"] + v["fn"] else 1.0
        print("# %-13s P=%.3f R=%.3f (tp %d, fp %d, fn %d)" % (t, p, r, v["tp"], v["fp"], v["fn"]))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print("# total P=%.3f R=%.3f F1=%.3f (tp %d, fp %d, fn %d)" % (p, r, f1, tp, fp, fn))
    print("%.4f %.4f %.4f" % (p, r, f1))


if __name__ == "__main__":
    main()
