"""``python -m influence``."""

from influence.cli import main

if __name__ == "__main__":  # not when a worker process of `portfolio` imports it
    main()
