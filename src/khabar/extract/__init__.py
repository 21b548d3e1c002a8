"""Extractors that find facts in normalized Persian text, each with exact character spans."""
