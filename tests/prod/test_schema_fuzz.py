"""Schemathesis over the OpenAPI schema: no generated request may get a 5xx (fake assistant, for speed)."""

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings

import pytest

from tests.prod.conftest import ADMIN, DOC, prod_app

pytestmark = pytest.mark.slow


def _app():
    tmp = Path(tempfile.mkdtemp(prefix="fuzz-"))
    app, a = prod_app(tmp)
    (tmp / "ordning.md").write_text(DOC, encoding="utf-8")
    a.ingest([tmp / "ordning.md"])
    app.state.assistant = a  # schemathesis' ASGI transport does not run the lifespan
    return app


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@schema.parametrize()
@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_gets_a_server_error(case):
    case.headers = {**(case.headers or {}), **ADMIN}
    response = case.call()
    assert response.status_code < 500, (case.method, case.path, response.status_code, response.text[:300])
