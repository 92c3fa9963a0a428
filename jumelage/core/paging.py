def without_page(query) -> str:
    """The current filters as a query string, for links to other pages of a list."""
    query = query.copy()
    query.pop("page", None)
    return query.urlencode()
