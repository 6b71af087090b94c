"""One address per answer: a view that reads only some query parameters redirects any other way of
asking (unknown parameters, a value repeated) to its one canonical address, so every request for
the same answer shares one page-cache entry and one render (a PDF costs seconds of CPU, and an
extra ``?x=1`` used to buy a fresh one each time)."""

from functools import wraps

from django.http import HttpResponseRedirect, QueryDict


def canonical_query(*names: str):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            canonical = QueryDict(mutable=True)
            for name in names:
                values = list(dict.fromkeys(request.GET.getlist(name)))
                if values:
                    canonical.setlist(name, values)
            if sorted(canonical.lists()) != sorted(request.GET.lists()):
                query = canonical.urlencode()
                return HttpResponseRedirect(request.path + (f"?{query}" if query else ""))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
