"""Key-date reminders: the scheduling step and the mail kind (next commit)."""
