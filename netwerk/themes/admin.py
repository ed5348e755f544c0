"""Admin of this part of netwerk; imported by ``netwerk.admin``."""
