from tests.partnerships.conftest import _default_language  # noqa: F401  (autouse fixture)
