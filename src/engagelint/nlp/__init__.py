"""Text analysis: social entities, language detection, the lazily built spaCy pipeline."""
