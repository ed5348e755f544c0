"""Bodies and networks, their meetings and the signals to the Flemish level: ``/netwerk/``."""
