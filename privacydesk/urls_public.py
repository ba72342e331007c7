"""The desk's public pages under /<lang>/<org>/ in the ``cases`` namespace: each app brings its own ``urls.py``.

The cases app's form URL (``<org>/<kind>/``) catches every other path, so it comes last.
"""

from django.urls import include, path

app_name = "cases"

urlpatterns = [
    path("", include("privacydesk.deadlines.urls")),
    path("", include("privacydesk.letters.urls")),
    path("", include("privacydesk.cases.urls")),
]
