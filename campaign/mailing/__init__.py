"""The one mail path: outbox rows written with the change that caused them, one worker."""
