"""The clinical model: plain dataclasses, vocabularies and rules. Standard library only."""
