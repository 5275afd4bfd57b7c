"""Actors: resolve mentions in news text to country, organisation and sector codes."""
