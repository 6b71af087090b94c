"""What an engine raises when it cannot answer: the caller answers from the database instead."""


class EngineUnavailable(Exception):
    """The engine is down, slow (past ``SEARCH_TIMEOUT_SECONDS``), erroring or not built."""
