"""The engine is a plain Python package: it must not import Django.

``import zicht`` itself loads Celery, whose Django integration touches a few
``django.*`` modules; that belongs to the parent package, so the runtime check compares
the modules loaded after ``import zicht`` with those after using the detector.
"""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "zicht" / "detection"


def test_no_detection_module_imports_django() -> None:
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(n == "django" or n.startswith("django.") for n in names), path


def test_using_the_detector_loads_no_django_module() -> None:
    code = (
        "import sys, zicht\n"
        "before = {m for m in sys.modules if m.split('.')[0] == 'django'}\n"
        "import zicht.detection, zicht.detection.cli, zicht.detection.train\n"
        "zicht.detection.detect('kom om 8 uur, neem je mes mee')\n"
        "after = {m for m in sys.modules if m.split('.')[0] == 'django'}\n"
        "print(sorted(after - before))\n"
        "print('django.conf' in sys.modules and 'zicht.settings' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.split("\n")[:2] == ["[]", "False"]
