"""Evaluations of pipeline stages against gold data (`newsquotes eval ...`)."""
