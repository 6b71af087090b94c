# Routes are added by the issue that builds this part.
urlpatterns = []
