"""Messages to groups of people: who they reach (audiences), organiser messages, updates."""
