"""Argon2id at OWASP's recommended floor (19 MiB, 2 passes, 1 lane) instead of Django's
defaults (100 MiB, 8 lanes): on a 2-core server a login then costs about 0.024 s of CPU
instead of 0.18 s (measured with bench/faults.py), which is what keeps the deadline rush,
where everyone logs in at once, answering. Existing hashes still verify, and are upgraded
at their next login (Django compares the stored parameters with these)."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2OwaspHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
