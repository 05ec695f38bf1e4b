"""A Spark standalone cluster on this machine, from the installed PySpark: one master and N workers on
127.0.0.1, each a JVM started with ``spark-class`` and stopped by its PID. The tests and
``bench/scale.py`` run ``claimledger batch --master spark://…`` on it; run it by hand to try the job
on a real cluster:

    python scripts/spark_cluster.py [--workers 2] [--cores 1]   # prints the master URL; Ctrl-C stops it
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import mkdtemp


@dataclass
class Cluster:
    master: str  # spark://127.0.0.1:PORT
    ui: str  # the master's web UI, whose /json/ says which workers are alive
    workdir: Path
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self.procs]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _spark_class() -> tuple[str, dict[str, str]]:
    import pyspark

    home = Path(pyspark.__file__).parent
    env = {**os.environ, "SPARK_HOME": str(home), "SPARK_LOCAL_IP": "127.0.0.1", "SPARK_NO_DAEMONIZE": "1"}
    return str(home / "bin" / "spark-class"), env


def _alive(ui: str) -> int:
    try:
        with urllib.request.urlopen(f"{ui}/json/", timeout=2) as r:
            return int(json.load(r).get("aliveworkers", 0))
    except (OSError, ValueError):
        return -1


def start(workers: int = 2, cores: int = 1, memory: str = "2g", workdir: Path | None = None,
          timeout: float = 90) -> Cluster:
    """Start the master and ``workers`` workers of ``cores`` cores each; return once all have registered."""
    exe, env = _spark_class()
    work = workdir or Path(mkdtemp(prefix="claimledger-spark-"))
    port, ui_port = _free_port(), _free_port()
    c = Cluster(f"spark://127.0.0.1:{port}", f"http://127.0.0.1:{ui_port}", work)

    def spawn(name: str, *args: str) -> None:
        log = open(work / f"{name}.log", "wb")  # noqa: SIM115 - the JVM writes to it until stopped
        c.procs.append(subprocess.Popen([exe, *args], env=env, stdout=log, stderr=subprocess.STDOUT))

    spawn("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", str(port),
          "--webui-port", str(ui_port))
    for i in range(workers):
        (work / f"worker{i}").mkdir(exist_ok=True)
        spawn(f"worker{i}", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", str(cores),
              "--memory", memory, "--webui-port", str(_free_port()), "--work-dir", str(work / f"worker{i}"),
              c.master)
    deadline = time.monotonic() + timeout
    while _alive(c.ui) < workers:
        if time.monotonic() > deadline or any(p.poll() is not None for p in c.procs):
            stop(c)
            logs = " ".join(str(p) for p in sorted(work.glob("*.log")))
            raise RuntimeError(f"the Spark cluster did not come up in {timeout:.0f} s: see {logs}")
        time.sleep(0.5)
    return c


def stop(c: Cluster) -> None:
    """Stop every JVM of the cluster by its PID: SIGTERM, then SIGKILL after 20 s."""
    for p in reversed(c.procs):
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    for p in c.procs:
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


@contextmanager
def cluster(workers: int = 2, cores: int = 1, memory: str = "2g", workdir: Path | None = None) -> Iterator[Cluster]:
    c = start(workers, cores, memory, workdir)
    try:
        yield c
    finally:
        stop(c)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--cores", type=int, default=1)
    ap.add_argument("--memory", default="2g")
    args = ap.parse_args()
    with cluster(args.workers, args.cores, args.memory) as c:
        print(f"master {c.master}  web UI {c.ui}  logs {c.workdir}  (Ctrl-C stops it)", flush=True)
        try:
            while all(p.poll() is None for p in c.procs):
                time.sleep(1)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
