"""Directory and site search: one interface, two engines (see ``search.queries``)."""
