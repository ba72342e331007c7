"""Public pages of this app, under /<lang>/ (included before the cases app's catch-all form URL)."""

from django.urls import path

from . import views

app_name = "guides"

urlpatterns = [
    path("cookies/", views.cookies, name="cookies"),
    path("<slug:org>/guide/", views.guide, name="guide"),
    path("<slug:org>/faq/", views.faq, name="faq"),
]
