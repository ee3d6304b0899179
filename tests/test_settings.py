"""Settings come from the environment; production mode is secure by default."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ZICHT = str(Path(sys.executable).with_name("zicht"))
REAL_KEY = secrets.token_urlsafe(64)


def run_zicht(*args: str, env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    clean_env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "ZICHT_DATA_DIR": str(tmp_path)}
    return subprocess.run(
        [ZICHT, *args], env=clean_env | env, capture_output=True, text=True, timeout=60
    )


def read_setting(expression: str, env: dict[str, str], tmp_path: Path) -> str:
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    clean_env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "ZICHT_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=clean_env | {"DJANGO_SETTINGS_MODULE": "zicht.settings"} | env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_mode_passes_the_deployment_check_given_only_key_and_hosts(tmp_path: Path):
    result = run_zicht(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={"SECRET_KEY": REAL_KEY, "ALLOWED_HOSTS": "zicht.example.org"},
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("key", ["", "short", "django-insecure-" + "x" * 60, "a" * 80])
def test_production_mode_refuses_to_start_without_a_real_secret_key(tmp_path: Path, key: str):
    result = run_zicht("check", env={"SECRET_KEY": key, "ALLOWED_HOSTS": "x"}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_mode_refuses_to_start_without_allowed_hosts(tmp_path: Path):
    result = run_zicht("check", env={"SECRET_KEY": REAL_KEY}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr
    assert "Traceback" not in result.stderr


def test_demo_logins_are_refused_in_production_mode(tmp_path: Path):
    env = {"SECRET_KEY": REAL_KEY, "ALLOWED_HOSTS": "x", "ZICHT_DEMO": "1"}
    result = run_zicht("check", env=env, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "ZICHT_DEMO" in result.stderr


def test_development_mode_makes_and_keeps_a_local_secret_key(tmp_path: Path):
    first = read_setting("settings.SECRET_KEY", {"DEBUG": "1"}, tmp_path)
    second = read_setting("settings.SECRET_KEY", {"DEBUG": "1"}, tmp_path)
    assert first == second
    assert len(first) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_sqlite_in_the_data_dir_is_the_default_database(tmp_path: Path):
    name = read_setting("settings.DATABASES['default']['NAME']", {"DEBUG": "1"}, tmp_path)
    assert name == str(tmp_path / "zicht.sqlite3")


def test_database_url_selects_postgresql(tmp_path: Path):
    env = {"DEBUG": "1", "DATABASE_URL": "postgres://zicht@db.internal:5432/zicht"}
    engine = read_setting("settings.DATABASES['default']['ENGINE']", env, tmp_path)
    assert engine == "django.db.backends.postgresql"


def test_without_redis_jobs_run_in_process(tmp_path: Path):
    assert read_setting("settings.CELERY_TASK_ALWAYS_EAGER", {"DEBUG": "1"}, tmp_path) == "True"


def test_redis_url_makes_celery_use_redis_as_broker_and_cache(tmp_path: Path):
    env = {"DEBUG": "1", "REDIS_URL": "redis://cache.internal:6379/2"}
    expression = (
        "settings.CELERY_TASK_ALWAYS_EAGER, settings.CELERY_BROKER_URL, "
        "settings.CACHES['default']['BACKEND']"
    )
    assert read_setting(expression, env, tmp_path) == (
        "False redis://cache.internal:6379/2 django.core.cache.backends.redis.RedisCache"
    )
