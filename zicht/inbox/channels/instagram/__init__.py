"""Instagram Messaging: webhook parser and sender."""
