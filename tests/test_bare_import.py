"""import_bare: one module of a package without the package's __init__ (issue 19's fast start)."""

from __future__ import annotations

import subprocess
import sys


def _run(code: str) -> None:
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_module_loads_without_its_packages_init_and_the_package_imports_whole_later() -> None:
    _run(
        "import sys\n"
        "from storyline.bare_import import import_bare\n"
        "en = import_bare('dateparser.data.date_translation_data.en')\n"
        "assert 'january' in en.info\n"
        "assert 'dateparser' not in sys.modules and 'dateparser.date' not in sys.modules\n"
        "minhash = import_bare('datasketch.minhash')\n"
        "assert not any(m.startswith(('datasketch.lsh', 'scipy.integrate')) for m in sys.modules)\n"
        "import datasketch, dateparser\n"
        "assert datasketch.MinHash is minhash.MinHash and callable(dateparser.parse)\n"
        "assert datasketch.MinHashLSH(threshold=0.5, num_perm=16).b > 0\n"
    )


def test_an_imported_package_and_a_missing_module_import_as_usual() -> None:
    _run(
        "import sys, datasketch\n"
        "from storyline.bare_import import import_bare\n"
        "assert import_bare('datasketch.minhash').MinHash is datasketch.MinHash\n"
        "try:\n"
        "    import_bare('dateparser.data.date_translation_data.xx_none')\n"
        "except ImportError:\n"
        "    pass\n"
        "else:\n"
        "    raise AssertionError('no error')\n"
        "assert 'dateparser' not in sys.modules and 'dateparser.data' not in sys.modules\n"
    )
