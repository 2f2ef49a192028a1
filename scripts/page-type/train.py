#!/usr/bin/env python3
"""Train bodycopy's page-type classifier and write it as data.

Input: the per-page metadata lines that `bodycopy eval --metadata --out DIR` writes
(`DIR/<dataset>.metadata.jsonl`), each with the truth's page type and the named signals
the library read (`predicted.page_type_features`). Output: gradient-boosted trees as JSON
(`crates/bodycopy/src/rules/page_type_model.json` by default), which the library reads
with `include_str!` and checks against its own feature names.

Before fitting on every page, the script reports the accuracy to expect on unseen pages:
5-fold cross-validation, and 5-fold by site (no host in both the training and the test
folds), beside the accuracy of the hand-written rules alone.

    python3 -m venv .venv-train && .venv-train/bin/pip install -r scripts/page-type/requirements.txt
    target/release/bodycopy eval --metadata --out /tmp/meta ../shared/bench/wcxb-dev
    .venv-train/bin/python scripts/page-type/train.py /tmp/meta/wcxb-dev.metadata.jsonl
"""
import argparse
import json
import sys
from urllib.parse import urlparse

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import GroupKFold, StratifiedKFold, cross_val_predict

# Shallow trees, large leaves, a slow rate and an L2 penalty: the set is small (about
# 1,400 pages), and freer models memorise it (they score higher on the pages they were
# fitted on and lower across folds).
PARAMS = dict(
    max_iter=100,
    learning_rate=0.05,
    max_depth=3,
    min_samples_leaf=30,
    l2_regularization=1.0,
    random_state=0,
)


def load(paths):
    names, X, y, rules, hosts = None, [], [], [], []
    for path in paths:
        for line in open(path, encoding="utf-8"):
            page = json.loads(line)
            truth = (page.get("truth") or {}).get("page_type")
            feats = (page.get("predicted") or {}).get("page_type_features")
            if not truth or not feats:
                continue
            these = [n for n, _ in feats]
            if names is None:
                names = these
            elif these != names:
                sys.exit(f"{path}: feature names differ between pages")
            X.append([v for _, v in feats])
            y.append(truth)
            rule = [n for n, v in feats if n.startswith("rule_") and v == 1.0]
            rules.append(rule[0][len("rule_"):] if rule else "")
            hosts.append(urlparse(page.get("url") or "").netloc)
    if not X:
        sys.exit("no page carries both a truth page type and features")
    return names, np.array(X, dtype=np.float64), np.array(y), np.array(rules), hosts


def export(model, names):
    trees = []
    for iteration in model._predictors:
        for predictor in iteration:
            nodes = []
            for n in predictor.nodes:
                nodes.append([
                    int(n["feature_idx"]),
                    float(n["num_threshold"]),
                    int(n["left"]),
                    int(n["right"]),
                    float(n["value"]),
                    int(n["is_leaf"]),
                ])
            trees.append(nodes)
    baseline = np.asarray(model._baseline_prediction, dtype=np.float64).reshape(-1)
    return {
        "features": names,
        "classes": [str(c) for c in model.classes_],
        "baseline": [float(b) for b in baseline],
        "trees": trees,
    }


def replay(doc, X):
    """Predict with the exported trees the way the library does."""
    out = []
    k = len(doc["classes"])
    for x in X:
        scores = list(doc["baseline"])
        for i, tree in enumerate(doc["trees"]):
            at = 0
            while not tree[at][5]:
                f, t, left, right, _, _ = tree[at]
                at = left if x[f] <= t else right
            scores[i % k] += tree[at][4]
        out.append(doc["classes"][int(np.argmax(scores))])
    return np.array(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("metadata_jsonl", nargs="+")
    ap.add_argument("--out", default="crates/bodycopy/src/rules/page_type_model.json")
    args = ap.parse_args()
    names, X, y, rules, hosts = load(args.metadata_jsonl)
    print(f"pages {len(y)}  features {len(names)}")
    print(f"rules alone            accuracy {np.mean(rules == y):.3f}")
    model = HistGradientBoostingClassifier(**PARAMS)
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    cv = cross_val_predict(model, X, y, cv=folds)
    print(f"5-fold cross-validated accuracy {np.mean(cv == y):.3f}")
    by_site = cross_val_predict(model, X, y, cv=GroupKFold(5), groups=hosts)
    print(f"5-fold by site         accuracy {np.mean(by_site == y):.3f}")
    model.fit(X, y)
    doc = export(model, names)
    replayed = replay(doc, X)
    if not np.array_equal(replayed, model.predict(X)):
        sys.exit("exported trees do not reproduce the model's predictions")
    print(f"fitted on every page   accuracy {np.mean(replayed == y):.3f} (not a generalisation figure)")
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {args.out} ({len(doc['trees'])} trees)")


if __name__ == "__main__":
    main()
