"""schemathesis against the app's own OpenAPI description: whatever a client sends, no 5xx answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("schemathesis", reason="schemathesis is not installed: pip install 'storyline[dev]'")
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from storyline.web import create_app
from web_fixtures import make_db

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def _app(tmp: Path) -> Any:
    db = make_db(tmp / "schema.db")
    # "testserver" is the Host that schemathesis' ASGI client sends.
    return create_app(db, allowed_hosts=["127.0.0.1", "testserver"], runner_options={"ingest": _no_ingest})


def _no_ingest(inputs: list[str], db: str, reporter: Any) -> Any:
    raise AssertionError("no fuzzed form gets past the CSRF check")


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", _app(tmp_path_factory.mktemp("schema")))


def _labels() -> list[str]:
    probe = create_app(":memory:", allowed_hosts=["testserver"])
    return [
        op.ok().label for op in schemathesis.openapi.from_asgi("/openapi.json", probe).get_all_operations()
    ]


@pytest.mark.parametrize("label", _labels())
def test_no_server_error(api_schema: Any, label: str) -> None:
    method, path = label.split(" ", 1)
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def check(case: Any) -> None:
        case.call_and_validate(checks=CHECKS)

    check()
