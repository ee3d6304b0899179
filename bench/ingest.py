"""Webhook ingest benchmark (issue 4): signed WhatsApp bodies posted by separate processes
to a real server on loopback.

Measures acknowledgements per second, p50/p99 acknowledgement latency, and the end-to-end
time until every message is stored and classified; then sends every body again and checks
that nothing was lost or duplicated. Runs on SQLite with in-process jobs, and — when
PostgreSQL and Redis answer — on PostgreSQL with a Celery worker. Writes
bench/results/ingest.json.
"""

import json
import multiprocessing
import os
import secrets
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.standins.webhooks import signed_webhook  # noqa: E402

BIN = Path(sys.executable).parent
SECRET = "bench-app-secret"
PHONE_NUMBER_ID = "109876543210001"
MESSAGES = int(os.environ.get("BENCH_MESSAGES", "3000"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "8"))
TEXTS = [
    "hoi kan ik even met iemand praten",
    "weet iemand een bijbaan in het weekend?",
    "ze willen vanavond om 9 uur matten bij het zuiderpark",
    "ik ga dood van het lachen om die video",
    "mn moeder heeft me eruit gegooid, waar kan ik slapen",
    "wie heeft er ballonnen voor vanavond 🎈🎈",
    "heb je tijd om morgen mn cv te bekijken?",
    "die beat is echt moord broer",
]


def body_for(number: int) -> bytes:
    payload = {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "209876543210001",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {
                                "display_phone_number": "31101234567",
                                "phone_number_id": PHONE_NUMBER_ID,
                            },
                            "contacts": [
                                {"profile": {"name": "Bench"}, "wa_id": f"3161{number % 500:07d}"}
                            ],
                            "messages": [
                                {
                                    "from": f"3161{number % 500:07d}",
                                    "id": f"wamid.BENCH{number:08d}",
                                    "timestamp": str(int(time.time())),
                                    "type": "text",
                                    "text": {"body": TEXTS[number % len(TEXTS)]},
                                }
                            ],
                        },
                    }
                ],
            }
        ],
    }
    return json.dumps(payload).encode()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), 0.5):
            return True
    except OSError:
        return False


def post_all(args: tuple[int, list[int]]) -> tuple[float, float, list[float]]:
    """One client process: keep-alive connection, one request at a time; returns its start
    and end time and the latency of every request in ms."""
    port, numbers = args
    connection = HTTPConnection("127.0.0.1", port, timeout=30)
    latencies = []
    began = time.time()
    for number in numbers:
        body, headers = signed_webhook(body_for(number), SECRET)
        started = time.perf_counter()
        connection.request("POST", "/webhooks/meta/", body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        latencies.append((time.perf_counter() - started) * 1000)
        if response.status != 200:
            raise RuntimeError(f"webhook answered {response.status}")
    connection.close()
    return began, time.time(), latencies


def blast(port: int, numbers: list[int]) -> tuple[float, float, list[float]]:
    """Send `numbers` from CLIENTS processes; (first start, seconds of sending, latencies)."""
    chunks = [(port, numbers[i::CLIENTS]) for i in range(CLIENTS)]
    with multiprocessing.get_context("spawn").Pool(CLIENTS) as pool:
        parts = pool.map(post_all, chunks)
    first, last = min(p[0] for p in parts), max(p[1] for p in parts)
    return first, last - first, [ms for part in parts for ms in part[2]]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 2)


@contextmanager
def running(*commands: list[str], env: dict[str, str]):
    processes = [
        subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for cmd in commands
    ]
    try:
        yield processes
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def zicht(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(BIN / "zicht"), *args], env=env, check=True, capture_output=True)


def count_stored(env: dict[str, str]) -> tuple[int, int]:
    """(messages stored, of which classified), read straight from the database."""
    query = (
        "SELECT COUNT(*), COUNT(classified_at) FROM inbox_message "
        "WHERE external_id LIKE 'wamid.BENCH%'"
    )
    url = env.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        with psycopg.connect(url.replace("postgres://", "postgresql://")) as connection:
            row = connection.execute(query).fetchone()
    else:
        with sqlite3.connect(Path(env["ZICHT_DATA_DIR"]) / "zicht.sqlite3") as connection:
            row = connection.execute(query).fetchone()
    return int(row[0]), int(row[1])


def run_mode(name: str, extra_env: dict[str, str], *, with_worker: bool) -> dict[str, object]:
    data_dir = tempfile.mkdtemp(prefix="zicht-bench-")
    env = (
        os.environ
        | {
            "ZICHT_DATA_DIR": data_dir,
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "127.0.0.1",
            "ZICHT_HTTPS": "0",
            "META_APP_SECRET": SECRET,
            "FIELD_ENCRYPTION_KEY": "",
            "LOG_LEVEL": "WARNING",
            "DEBUG": "0",
        }
        | extra_env
    )
    zicht(env, "migrate", "--noinput")
    zicht(env, "create-channel", "whatsapp", PHONE_NUMBER_ID, "--team", "Bench")
    port = free_port()
    # SQLite has one writer at a time: one process with threads (docs/operations.md).
    processes = "3" if with_worker else "1"
    server = [
        str(BIN / "gunicorn"),
        "zicht.wsgi",
        "-b",
        f"127.0.0.1:{port}",
        "-w",
        processes,
        "--threads",
        "8",
        "--log-level",
        "warning",
    ]
    worker = [
        str(BIN / "celery"),
        "-A",
        "zicht",
        "worker",
        "--pool",
        "threads",
        "--concurrency",
        "4",
        "--loglevel",
        "WARNING",
        "--without-gossip",
        "--without-mingle",
    ]
    commands = [server, worker] if with_worker else [server]
    with running(*commands, env=env):
        deadline = time.time() + 30
        while not answers(port) and time.time() < deadline:
            time.sleep(0.2)
        blast(port, list(range(MESSAGES, MESSAGES + 10 * CLIENTS)))  # warm-up: models, connections
        warm = MESSAGES + 10 * CLIENTS
        numbers = list(range(MESSAGES))
        started, seconds, latencies = blast(port, numbers)
        while count_stored(env) != (warm, warm) and time.time() - started < 300:
            time.sleep(0.05)
        end_to_end = time.time() - started
        stored_first = count_stored(env)
        blast(port, numbers)  # every body a second time
        time.sleep(2 if with_worker else 0)
        stored_after_resend = count_stored(env)
    warm = MESSAGES + 10 * CLIENTS
    return {
        "mode": name,
        "messages": MESSAGES,
        "client_processes": CLIENTS,
        "server": f"gunicorn, {processes} process(es) x 8 threads",
        "acknowledged_per_second": round(MESSAGES / seconds, 1),
        "ack_latency_ms_p50": percentile(latencies, 0.50),
        "ack_latency_ms_p99": percentile(latencies, 0.99),
        "end_to_end_seconds_all_stored_and_classified": round(end_to_end, 2),
        "stored_and_classified_incl_warmup": stored_first,
        "stored_after_sending_everything_twice": stored_after_resend,
        "lost": warm - stored_after_resend[0],
        "duplicated": max(0, stored_after_resend[0] - warm),
    }


def service_answers(port: int) -> bool:
    return answers(port)


def main() -> None:
    results = [run_mode("sqlite, in-process jobs", {}, with_worker=False)]
    if service_answers(5432) and service_answers(6379):
        subprocess.run(
            ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", "zicht_bench"],
            check=False,
        )
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", "zicht_bench"], check=True)
        extra = {
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/zicht_bench",
            "REDIS_URL": "redis://127.0.0.1:6379/14",
        }
        results.append(run_mode("postgresql + redis + celery worker", extra, with_worker=True))
    else:
        print("SKIPPED: PostgreSQL or Redis not answering; only the SQLite mode was measured")
    out = ROOT / "bench" / "results" / "ingest.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps({"machine_cores": os.cpu_count(), "results": results}, indent=2) + "\n"
    )
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
