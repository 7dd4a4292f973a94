"""``python -m clusternet.cli``: the ``clusternet`` command."""

from clusternet.cli import main

if __name__ == "__main__":  # pragma: no cover
    main()
