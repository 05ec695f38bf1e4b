"""The batch job as a file for ``spark-submit``, which runs Python applications given as a ``.py`` path:

    spark-submit --master spark://host:7077 "$(python -m claimledger.batch.submit --path)" INPUTS… --out DIR

It takes the arguments of ``claimledger batch`` (without ``--master``: spark-submit's own), runs the
job on the session spark-submit configured, and exits 1 when any input was skipped.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--path"]:
        print(__file__)
        return 0
    from claimledger.interfaces.cli import run  # absolute: spark-submit runs this file as a script

    sys.argv = ["claimledger", "batch", *args]
    try:
        run()
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
