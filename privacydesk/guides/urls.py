"""Public pages of this app, under /<lang>/ (included before the cases app's catch-all form URL)."""

app_name = "guides"

urlpatterns = []
