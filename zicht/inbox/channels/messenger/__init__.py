"""Facebook Messenger (Messenger Platform): webhook parser and sender."""
