"""Files on disk: briefing files, the notes database, the user's data dir."""
