class ActionRefused(Exception):
    """A domain rule refuses what was asked (not a permission problem); the message is shown to the user."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = str(message)
