"""The model: entities, ids, dates, vocabulary and validation. No I/O."""
