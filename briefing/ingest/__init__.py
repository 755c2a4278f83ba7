"""Article text to a draft briefing: dates, actors, attributed statements."""
