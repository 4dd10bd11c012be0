#!/usr/bin/env python3
"""Seeds each fuzz target's corpus from the repository's own examples, fixtures and rule packs.

Extra trees named on the command line (checkouts of real projects) add their files too.
The targets that pick a file kind from the first byte get that byte prepended, so every seed
starts out parsed the way the scan would parse it."""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MANIFESTS = ["requirements.txt", "pyproject.toml", "setup.py", "setup.cfg", "pipfile",
             "package.json", "go.mod", "cargo.toml", "pom.xml", "build.gradle",
             "build.gradle.kts", ".csproj", "gemfile", "composer.json"]
CONFIGS = [".env", ".yaml", ".yml", ".json", ".toml", ".properties", ".tf"]
CONFIG_PICK = {".env": 0, ".yaml": 1, ".yml": 2, ".json": 3, ".toml": 4, ".properties": 5, ".tf": 6}
SOURCES = {".py": ("source_python", None), ".js": ("source_javascript", 0),
           ".mjs": ("source_javascript", 0), ".jsx": ("source_javascript", 0),
           ".ts": ("source_javascript", 1), ".tsx": ("source_javascript", 2),
           ".go": ("source_go", None), ".java": ("source_java", None), ".rs": ("source_rust", None)}


def targets_for(path):
    name = os.path.basename(path).lower()
    ext = os.path.splitext(name)[1]
    for i, m in enumerate(MANIFESTS):
        if name == m or (m.startswith(".") and name.endswith(m)) or \
                (m == "requirements.txt" and name.startswith("requirements") and ext == ".txt"):
            yield "manifest", i
    if name == ".env" or name.startswith(".env.") or name.endswith(".env"):
        yield "config", 0
    elif ext in CONFIG_PICK:
        yield "config", CONFIG_PICK[ext]
    if ext == ".ipynb":
        yield "notebook", None
    if ext in SOURCES:
        yield SOURCES[ext]
    if ext in (".yaml", ".yml") and ("rules" in path.split(os.sep) or name == "aidep.yaml"):
        yield "rule_pack", None


def main():
    out = os.path.join(ROOT, "fuzz", "corpus")
    count = 0
    tops = [os.path.join(ROOT, t) for t in ("examples", "tests/fixtures", "rules")]
    for top in tops + sys.argv[1:]:
        for dirpath, _, files in os.walk(top):
            for f in sorted(files):
                path = os.path.join(dirpath, f)
                if os.path.islink(path) or not os.path.isfile(path):
                    continue
                data = open(path, "rb").read()
                if len(data) > 64 * 1024:
                    continue
                for target, pick in targets_for(path):
                    d = os.path.join(out, target)
                    os.makedirs(d, exist_ok=True)
                    seed = (bytes([pick]) if pick is not None else b"") + data
                    name = os.path.relpath(path, top if top not in tops else ROOT)
                    name = name.replace(os.sep, "__")
                    with open(os.path.join(d, name), "wb") as fh:
                        fh.write(seed)
                    count += 1
    print(f"{count} seeds under {os.path.relpath(out, ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
