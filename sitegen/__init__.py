"""sitegen: a dossier of news articles in, a source-linked chronology site out."""

__version__ = "0.1.0"


def main(argv: list[str] | None = None) -> int:
    """The console command; a Ctrl-C while its modules load ends quietly, like one later."""
    try:
        from sitegen.cli import main as cli_main
    except KeyboardInterrupt:
        return 130
    return cli_main(argv)
