"""Counts the SQL of each request: X-Query-Count, X-Query-Ms (time inside the database driver) and X-View-Ms
(the whole request inside Django, middleware included). View-Ms minus Query-Ms is Python and templates — and the
COMMIT of a writing request, which Django sends outside cursor.execute and so outside this count."""

import time

from django.db import connection


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0
        sql_seconds = 0.0

        def wrapper(execute, sql, params, many, context):
            nonlocal count, sql_seconds
            count += 1
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                sql_seconds += time.perf_counter() - started

        started = time.perf_counter()
        with connection.execute_wrapper(wrapper):
            response = self.get_response(request)
        total = time.perf_counter() - started
        response["X-Query-Count"] = str(count)
        response["X-Query-Ms"] = f"{sql_seconds * 1000:.2f}"
        response["X-View-Ms"] = f"{total * 1000:.2f}"
        return response
