"""``python -m influence``."""

from influence.cli import script

if __name__ == "__main__":  # not when a worker process of `portfolio` imports it
    script()
