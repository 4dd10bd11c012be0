#!/usr/bin/env python3
"""Writes rules/common-grams.txt: the most frequent lower-cased 4-byte sequences in ordinary code.

The literal prefilter indexes each literal by its rarest 4-byte window; this table is how it
knows which windows are common. Give it directories of code that is not about AI (standard
libraries, popular packages), one or more per language: each language gets the same weight.

Usage: bench/common_grams.py [--top N] [--budget BYTES] LANG=DIR[,DIR...] ...
  e.g. py=/usr/lib/python3.11 rs=~/.cargo/registry/src java=/tmp/jdk go=/tmp/gin,/tmp/cobra js=/usr/lib/node_modules
"""
import argparse
import collections
import os
import random

EXTENSIONS = {"py": {"py"}, "rs": {"rs"}, "js": {"js", "mjs", "ts"}, "java": {"java"}, "go": {"go"}}


def files(dirs, exts):
    out = []
    for root in dirs:
        for d, _, names in os.walk(os.path.expanduser(root)):
            out += [os.path.join(d, n) for n in names if n.rsplit(".", 1)[-1] in exts]
    out.sort()
    random.Random(1).shuffle(out)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--top", type=int, default=16384)
    ap.add_argument("--budget", type=int, default=6_000_000, help="bytes read per language")
    ap.add_argument("corpora", nargs="+", metavar="LANG=DIR[,DIR...]")
    args = ap.parse_args()
    total = collections.Counter()
    for spec in args.corpora:
        lang, dirs = spec.split("=", 1)
        counts, used = collections.Counter(), 0
        for path in files(dirs.split(","), EXTENSIONS[lang]):
            data = open(path, "rb").read()[:100_000].lower()
            counts.update(data[i:i + 4] for i in range(len(data) - 3))
            used += len(data)
            if used >= args.budget:
                break
        scale = args.budget / max(used, 1)
        for gram, n in counts.items():
            total[gram] += n * scale
        print(f"{lang}: {used} bytes")
    printable = [g for g, _ in total.most_common()
                 if all(0x20 <= b < 0x7F for b in g)]
    out = os.path.join(os.path.dirname(__file__), "..", "rules", "common-grams.txt")
    with open(out, "w") as f:
        f.write("\n".join(g.decode() for g in printable[:args.top]) + "\n")
    print(f"wrote {min(len(printable), args.top)} grams to {os.path.normpath(out)}")


if __name__ == "__main__":
    main()
