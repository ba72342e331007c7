"""The letters app's pages: ``staff`` at the desk, ``public`` for requesters (no login)."""
