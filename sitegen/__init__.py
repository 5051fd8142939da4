"""sitegen: a dossier of news articles in, a source-linked chronology site out."""

__version__ = "0.1.0"


def main(argv: list[str] | None = None) -> int:
    """The console command; a Ctrl-C while its modules load ends quietly, like one later."""
    import sys
    sys.unraisablehook = interrupt_again
    try:
        from sitegen.cli import main as cli_main
    except KeyboardInterrupt:
        return 130
    return cli_main(argv)


def interrupt_again(unraisable) -> None:
    """A Ctrl-C that lands while Python runs a finalizer (a finished subprocess's
    Popen.__del__) cannot stop the command there: Python would print its traceback and
    go on. Deliver it again a moment later, outside the finalizer, where the command
    handles a Ctrl-C."""
    import sys
    import threading
    import _thread
    if unraisable.exc_type is not None and issubclass(unraisable.exc_type, KeyboardInterrupt):
        again = threading.Timer(0.01, _thread.interrupt_main)
        again.daemon = True
        again.start()
    else:
        sys.__unraisablehook__(unraisable)
