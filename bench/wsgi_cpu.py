"""The app as gunicorn serves it, plus one response header for the load test: the CPU time the request took in
its worker thread (`X-Waktu-CPU-ms`, from `time.thread_time`: gthread workers run a request in one thread). Bench
only; the product's `config.wsgi` is unchanged."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from config.wsgi import application as _app


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    mulai = time.thread_time()

    def mulai_jawaban(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        headers.append(("X-Waktu-CPU-ms", f"{(time.thread_time() - mulai) * 1000:.2f}"))
        return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

    return _app(environ, mulai_jawaban)
