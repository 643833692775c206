"""import_scipy_sparse: SciPy's sparse matrices without numpy's f2py and testing (issue 19's fast start),
and every name of SciPy's array-API copy of numpy still readable after."""

from __future__ import annotations

import subprocess
import sys


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout


def test_the_clusterer_imports_sparse_without_f2py_and_testing_and_they_load_when_read() -> None:
    out = _run(
        "import sys\n"
        "import storyline.cluster\n"
        "import scipy.sparse as sp\n"
        "print(sorted(m for m in ('numpy.f2py', 'numpy.testing') if m in sys.modules))\n"
        "assert (sp.csr_matrix([[1.0, 0.0], [0.0, 2.0]]) @ sp.csr_matrix([[1.0], [1.0]])).toarray().tolist()"
        " == [[1.0], [2.0]]\n"
        "import numpy\n"
        "import scipy._lib.array_api_compat.numpy as compat\n"
        "assert compat.testing is numpy.testing and compat.f2py is numpy.f2py\n"
        "assert 'numpy.testing' in sys.modules and 'numpy.f2py' in sys.modules\n"
        "names = {}\n"
        "exec('from scipy._lib.array_api_compat.numpy import *', names)\n"
        "assert names['testing'] is numpy.testing\n"
        "try:\n"
        "    compat.no_such_name\n"
        "except AttributeError:\n"
        "    print('missing')\n"
    )
    assert out.split("\n")[:2] == ["[]", "missing"]


def test_sparse_imported_before_is_returned_as_it_is() -> None:
    out = _run(
        "import sys\n"
        "import scipy.sparse\n"
        "from storyline.bare_import import import_scipy_sparse\n"
        "assert import_scipy_sparse() is scipy.sparse\n"
        "print('numpy.testing' in sys.modules)\n"
    )
    assert out.strip() == "True"  # an ordinary import of SciPy loads it, as before


def test_a_scipy_that_reads_a_placeholder_as_it_imports_is_imported_as_usual() -> None:
    # another SciPy release may read numpy.testing while scipy.sparse imports: the placeholder then
    # fails it, and the import is made again the ordinary way rather than failing the run
    out = _run(
        "import sys, importlib, numpy\n"
        "from storyline import bare_import\n"
        "real = importlib.import_module\n"
        "def reading(name, *args):\n"
        "    if name == 'scipy.sparse' and isinstance(vars(numpy).get('testing'), type(sys)):\n"
        "        numpy.testing.assert_allclose\n"
        "    return real(name, *args)\n"
        "bare_import.importlib.import_module = reading\n"
        "sparse = bare_import.import_scipy_sparse()\n"
        "print(sparse.csr_matrix([[1.0]]).toarray().tolist())\n"
    )
    assert out.strip() == "[[1.0]]"
