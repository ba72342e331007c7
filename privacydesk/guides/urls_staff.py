"""Staff pages of this app, included by privacydesk.cases.urls_staff (namespace ``staff``)."""

urlpatterns = []
