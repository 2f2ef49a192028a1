"""Check `bodycopy batch` against Python tools (run by scripts/batch-check.sh).

1. warcio lists the records of a WARC.gz written by bodycopy-warc's writer: the same
   record ids, in order, as the batch rows (real WARC).
2. pyarrow and duckdb read the Parquet output with the documented schema.
3. Throughput on one core, WARC.gz in, Parquet out: `bodycopy batch -j 1 --text-only`
   against fastwarc + resiliparse doing the same job (read, keep HTML 200 responses,
   extract main text, write Parquet), and `bodycopy batch -j 1` with every metadata
   column, all timed as CPU seconds of the process (wall time is
   also printed; on a shared machine CPU time is the fairer figure). `-j 1` runs on one
   thread; `-j 2` against it is the two-thread speed-up (wall time). The jobs run in
   turn, BATCH_CHECK_ROUNDS times (default 3), and each figure is the job's best round.

usage: batch_check.py BODYCOPY WARC_GZ WORKDIR
"""

import json
import os
import resource
import subprocess
import sys
import time

import duckdb
import pyarrow.parquet as pq
from warcio.archiveiterator import ArchiveIterator

SCHEMA = [
    ("source", "string"), ("url", "string"), ("record_id", "string"), ("warc_date", "string"),
    ("title", "string"), ("text", "string"), ("markdown", "string"),
    ("authors", "list<item: string>"), ("date", "string"), ("description", "string"),
    ("sitename", "string"), ("canonical_url", "string"),
    ("categories", "list<item: string>"), ("tags", "list<item: string>"),
    ("image", "string"), ("language", "string"), ("page_type", "string"),
    ("content_hash", "string"), ("simhash", "uint64"), ("html_bytes", "uint64"),
    ("error", "string"),
]


ROUNDS = int(os.environ.get("BATCH_CHECK_ROUNDS", "3"))


def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_bodycopy(bodycopy, warc, out, threads, *extra):
    cpu0, t0 = child_cpu(), time.time()
    p = subprocess.run([bodycopy, "batch", warc, "-o", out, "-j", str(threads), *extra],
                       capture_output=True, text=True, check=True)
    return child_cpu() - cpu0, time.time() - t0, p.stderr


def check_warcio(warc, rows):
    ids = []
    types = {}
    with open(warc, "rb") as f:
        for rec in ArchiveIterator(f):
            types[rec.rec_type] = types.get(rec.rec_type, 0) + 1
            if rec.rec_type == "response" and rec.http_headers.get_statuscode() == "200":
                ids.append(rec.rec_headers.get_header("WARC-Record-ID"))
    row_ids = [r["record_id"] for r in rows]
    assert ids == row_ids, f"warcio lists {len(ids)} responses, batch wrote {len(row_ids)} rows"
    print(f"warcio: {sum(types.values())} records {types}; {len(ids)} responses = {len(row_ids)} rows, same ids in order: OK")


def check_parquet(path, n):
    table = pq.read_table(path)
    got = [(f.name, str(f.type)) for f in table.schema]
    assert got == SCHEMA, f"schema differs: {got}"
    assert table.num_rows == n, (table.num_rows, n)
    print(f"pyarrow: {table.num_rows} rows, {len(got)} columns, schema as documented: OK")
    con = duckdb.connect()
    count, kept, langs = con.execute(
        f"select count(*), count(*) filter (where error is null), count(distinct language) from read_parquet('{path}')"
    ).fetchone()
    assert count == n
    desc = con.execute(f"describe select * from read_parquet('{path}')").fetchall()
    print(f"duckdb: {count} rows ({kept} without error, {langs} languages), {len(desc)} columns: OK")


FASTWARC_JOB = r'''
import sys
import pyarrow as pa
import pyarrow.parquet as pq
from fastwarc.warc import ArchiveIterator, WarcRecordType
from resiliparse.parse.encoding import detect_encoding, bytes_to_str
from resiliparse.extract.html2text import extract_plain_text
from resiliparse.parse.html import HTMLTree

urls, texts = [], []
with open(sys.argv[1], "rb") as f:
    for rec in ArchiveIterator(f, record_types=WarcRecordType.response, parse_http=True):
        if rec.http_headers.status_code != 200:
            continue
        if "html" not in (rec.http_content_type or ""):
            continue
        body = rec.reader.read()
        html = bytes_to_str(body, detect_encoding(body))
        texts.append(extract_plain_text(HTMLTree.parse(html), main_content=True))
        urls.append(rec.headers.get("WARC-Target-URI"))
pq.write_table(pa.table({"url": urls, "text": texts}), sys.argv[2], compression="zstd")
print(len(texts))
'''


def run_fastwarc(warc, out):
    cpu0, t0 = child_cpu(), time.time()
    p = subprocess.run([sys.executable, "-c", FASTWARC_JOB, warc, out],
                       capture_output=True, text=True, check=True)
    return child_cpu() - cpu0, time.time() - t0, int(p.stdout.strip())


def main():
    bodycopy, warc, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    mb = os.path.getsize(warc) / 1e6
    jsonl = os.path.join(work, "check.jsonl")
    subprocess.run([bodycopy, "batch", warc, "-o", jsonl], capture_output=True, check=True)
    with open(jsonl) as f:
        rows = [json.loads(line) for line in f]
    check_warcio(warc, rows)
    parquet = os.path.join(work, "check.parquet")
    _, _, summary = run_bodycopy(bodycopy, warc, parquet, 1)
    check_parquet(parquet, len(rows))
    # the timed jobs run in turn, ROUNDS times, and each figure is its best round, so a
    # burst of load on the shared machine does not fall on one job only
    jobs = {
        "j1": lambda: run_bodycopy(bodycopy, warc, parquet, 1),
        "j2": lambda: run_bodycopy(bodycopy, warc, os.path.join(work, "j2.parquet"), 2),
        "text": lambda: run_bodycopy(bodycopy, warc, os.path.join(work, "text.parquet"), 1,
                                     "--text-only"),
        "fastwarc": lambda: run_fastwarc(warc, os.path.join(work, "fastwarc.parquet")),
    }
    cpu = {name: float("inf") for name in jobs}
    wall = dict(cpu)
    fn = 0  # pages fastwarc + resiliparse wrote
    for _ in range(ROUNDS):
        for name, job in jobs.items():
            c, w, out = job()
            cpu[name], wall[name] = min(cpu[name], c), min(wall[name], w)
            if name == "fastwarc":
                fn = out
    cpu1, wall1, cpu2, wall2 = cpu["j1"], wall["j1"], cpu["j2"], wall["j2"]
    tcpu, twall, fcpu, fwall = cpu["text"], wall["text"], cpu["fastwarc"], wall["fastwarc"]
    print(f"input: {warc}, {mb:.1f} MB; best of {ROUNDS} rounds")
    print(f"bodycopy batch -j 1: {len(rows)} pages, CPU {cpu1:.2f} s, wall {wall1:.2f} s -> {mb / cpu1:.2f} MB/s per CPU-second")
    print(f"bodycopy batch -j 1 --text-only: CPU {tcpu:.2f} s, wall {twall:.2f} s -> {mb / tcpu:.2f} MB/s per CPU-second")
    print(f"bodycopy batch -j 2: CPU {cpu2:.2f} s, wall {wall2:.2f} s -> wall speed-up over -j 1: {wall1 / wall2:.2f}x")
    print(f"fastwarc+resiliparse: {fn} pages, CPU {fcpu:.2f} s, wall {fwall:.2f} s -> {mb / fcpu:.2f} MB/s per CPU-second")
    print(f"ratio bodycopy / fastwarc+resiliparse (CPU), text only as resiliparse: {fcpu / tcpu:.2f}x; "
          f"with all metadata columns: {fcpu / cpu1:.2f}x")
    print(summary.strip())


if __name__ == "__main__":
    main()
