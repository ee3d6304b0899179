"""WhatsApp Business Platform (Cloud API): webhook parser and sender."""
