"""The agenda: events, registrations, materials and calendar feeds: ``/agenda/``."""
