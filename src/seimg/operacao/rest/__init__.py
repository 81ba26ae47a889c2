"""``GET /@seimg-status``: version of seimg and health of its components."""
