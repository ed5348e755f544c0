"""Models of this part of netwerk; imported into ``netwerk.models``."""
