"""Extract WARC files into Parquet with PySpark and bodycopy.

    python spark_warc_to_parquet.py --master 'local[2]' OUTPUT.parquet crawl/*.warc.gz
    spark-submit spark_warc_to_parquet.py OUTPUT.parquet s3://bucket/crawl/*.warc.gz

The WARC paths are distributed over ``--partitions`` tasks; each task streams its files with
warcio (local paths, or any URL fsspec opens) and extracts the HTML responses (HTTP 200, an
HTML or missing Content-Type) with one ``bodycopy.Extractor`` per partition, in batches, on
Rust threads. One row per response: url, record_id, warc_date, title, text, language, date,
page_type, error (``None``, or why the row has no text).
"""

from __future__ import annotations

import argparse
import glob
from typing import IO, Iterable, Iterator, List, Optional, Tuple

BATCH = 64
"""Records extracted at a time in a task (bounds its memory)."""

COLUMNS = ["url", "record_id", "warc_date", "title", "text", "language", "date", "page_type", "error"]

Record = Tuple[str, str, str, Optional[str], bytes]
"""url, record_id, warc_date, content_type, HTTP body."""

Row = Tuple[Optional[str], ...]


def open_path(path: str) -> IO[bytes]:
    """A local file, or a remote one through fsspec when it is installed."""
    if "://" in path and not path.startswith("file://"):
        import fsspec  # type: ignore[import-not-found]

        return fsspec.open(path, "rb").open()  # type: ignore[no-any-return]
    return open(path.removeprefix("file://"), "rb")


def is_html(content_type: Optional[str]) -> bool:
    if not content_type:
        return True
    mime = content_type.split(";")[0].strip().lower()
    return mime in ("text/html", "application/xhtml+xml")


def html_records(path: str) -> Iterator[Record]:
    """The HTML responses of one WARC file, content-encoding and chunking undone."""
    from warcio.archiveiterator import ArchiveIterator

    with open_path(path) as f:
        for record in ArchiveIterator(f):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            if record.http_headers.get_statuscode() != "200":
                continue
            content_type = record.http_headers.get_header("Content-Type")
            if not is_html(content_type):
                continue
            yield (
                record.rec_headers.get_header("WARC-Target-URI"),
                record.rec_headers.get_header("WARC-Record-ID"),
                record.rec_headers.get_header("WARC-Date"),
                content_type,
                record.content_stream().read(),
            )


def extract_rows(records: List[Record], threads: int) -> Iterator[Row]:
    """Rows for a batch of records. Content types differ per record, so each is extracted with
    its own header; the batch runs on ``threads`` threads with the GIL released."""
    from concurrent.futures import ThreadPoolExecutor

    import bodycopy

    extractor = bodycopy.Extractor(bodycopy.Config())

    def one(record: Record) -> Row:
        url, record_id, warc_date, content_type, body = record
        try:
            doc = extractor.extract(body, url, content_type)
        except bodycopy.BodycopyError as e:
            return (url, record_id, warc_date, None, None, None, None, None, f"{e.kind}: {e}")
        error = "no main content found" if doc.is_empty else None
        return (url, record_id, warc_date, doc.title, doc.text, doc.language, doc.date,
                doc.page_type, error)

    with ThreadPoolExecutor(max_workers=threads) as pool:
        yield from pool.map(one, records)


def extract_partition(paths: Iterable[str], threads: int = 1) -> Iterator[Row]:
    """``mapPartitions`` body: every WARC path of the partition, in batches of records."""
    batch: List[Record] = []
    for path in paths:
        for record in html_records(path):
            batch.append(record)
            if len(batch) >= BATCH:
                yield from extract_rows(batch, threads)
                batch = []
    if batch:
        yield from extract_rows(batch, threads)


def expand(inputs: List[str]) -> List[str]:
    """Local globs expanded and sorted; remote paths kept as given."""
    paths: List[str] = []
    for item in inputs:
        matches = sorted(glob.glob(item)) if "://" not in item else []
        paths.extend(matches or [item])
    return paths


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("output", help="Parquet output folder")
    parser.add_argument("inputs", nargs="+", help="WARC files (globs allowed)")
    parser.add_argument("--master", default=None, help="Spark master, e.g. local[2]")
    parser.add_argument("--partitions", type=int, default=None, help="tasks (default: one per file)")
    parser.add_argument("--threads", type=int, default=1, help="extraction threads per task")
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession
    from pyspark.sql.types import StringType, StructField, StructType

    builder = SparkSession.builder.appName("bodycopy-warc-to-parquet")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        paths = expand(args.inputs)
        schema = StructType([StructField(c, StringType(), True) for c in COLUMNS])
        threads = args.threads
        rows = spark.sparkContext.parallelize(paths, args.partitions or len(paths)).mapPartitions(
            lambda part: extract_partition(part, threads)
        )
        spark.createDataFrame(rows, schema).write.mode("overwrite").parquet(args.output)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
