"""sitegen: a dossier of news articles in, a source-linked chronology site out."""

__version__ = "0.1.0"
